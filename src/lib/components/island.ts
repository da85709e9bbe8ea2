/**
 * For islands (a prerendered figure replaced by its live component on first use, see
 * Island.svelte): finding again, in the live markup, the element the learner was on in the
 * prerendered one, so focus stays where it was. Both are rendered by the same component with the
 * same ids, so an element is known by the actor or event it draws, its id, the table's disclosure,
 * its link (in the same table row or list item), or, for a control, its place among the controls.
 * Loaded with the live component, never in a page's first load.
 */

/** An attribute selector matching exactly this value, whatever characters it holds. */
export function attribute(name: string, value: string): string {
	return `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
}

/** Attributes that name what an element draws, the same in both renderings. */
const KEYS = ['data-actor', 'data-event'];

function selectorFor(element: Element): string | undefined {
	for (const key of KEYS) {
		const value = element.closest(`[${key}]`)?.getAttribute(key);
		if (value) return attribute(key, value);
	}
	if (element.id) return attribute('id', element.id);
	if (element.tagName === 'SUMMARY') return 'summary';
	const href = element.getAttribute('href');
	if (!href) return undefined;
	const link = `a${attribute('href', href)}`;
	const row = element.closest('[data-link]')?.getAttribute('data-link');
	if (row) return `${attribute('data-link', row)} ${link}`;
	const item = element.closest('li[id]')?.id;
	return item ? `${attribute('id', item)} ${link}` : link;
}

/** Finds an element's counterpart in the live rendering; null when it has none. */
export type Finder = (live: Element) => HTMLElement | SVGElement | null;

/**
 * A finder for `element`'s counterpart in a live rendering of `root`'s content; undefined when
 * `element` is not in `root`. `isShared` says which buttons and inputs both renderings have; a
 * control only the prerendered one has (the map's "Explore the map") stands for the shared
 * control that takes its place, the next one after it.
 */
export function findAgain(
	element: Element | null,
	root: Element,
	isShared: (control: HTMLElement) => boolean = () => true
): Finder | undefined {
	if (!element || !root.contains(element) || element === root) return undefined;
	if (element instanceof HTMLElement && element.matches('button, input')) {
		const all = [...root.querySelectorAll<HTMLElement>('button, input')];
		const shared = all.slice(all.indexOf(element)).find(isShared);
		if (!shared) return undefined;
		const index = all.filter(isShared).indexOf(shared);
		return (live) => [...live.querySelectorAll<HTMLElement>('button, input')].filter(isShared)[index] ?? null;
	}
	const selector = selectorFor(element);
	return selector ? (live) => live.querySelector<HTMLElement | SVGElement>(selector) : undefined;
}
