/**
 * The live network map for pages that do not ship it: its component and the module's map data
 * (`/<module>/map.json`), loaded together the first time a page asks, then kept. A failed load
 * (the learner went offline) is forgotten, so asking again retries. Also how an island finds, in
 * the live map, the element the learner was on in the prerendered one. Pages import this module
 * dynamically: none of it is in their first load.
 */
import type NetworkMapComponent from './NetworkMap.svelte';
import { mapDataPath, type MapModule } from '$lib/network/map-data';

export interface LiveMap {
	NetworkMap: typeof NetworkMapComponent;
	module: MapModule;
}

const loads = new Map<string, Promise<LiveMap>>();

async function fetchMapModule(moduleSlug: string): Promise<MapModule> {
	const response = await fetch(mapDataPath(moduleSlug));
	if (!response.ok) throw new Error(`the map data answered ${response.status}`);
	// Our own prerendered file, built from the validated course by the same code as the page: no second validation.
	return (await response.json()) as MapModule;
}

export function loadLiveMap(moduleSlug: string): Promise<LiveMap> {
	let load = loads.get(moduleSlug);
	if (!load) {
		load = Promise.all([import('./NetworkMap.svelte'), fetchMapModule(moduleSlug)]).then(([component, module]) => ({
			NetworkMap: component.default,
			module
		}));
		loads.set(moduleSlug, load);
		load.catch(() => loads.delete(moduleSlug));
	}
	return load;
}

/** The map's controls (legend boxes, slider, play and zoom buttons) in document order, but for the island's own button. */
function controls(root: Element): HTMLElement[] {
	return [...root.querySelectorAll<HTMLElement>('button, input')].filter((control) => !control.closest('[data-map-explore]'));
}

/**
 * How to find again, in the live map, the element that has focus (or was clicked) in the
 * prerendered one: the same control by its place among the controls (both maps have the same
 * ones), the same actor, the element with the same id, the table's disclosure, or the same link
 * (in the same table row). For the "Explore the map" button, which the live map does not have,
 * the first control where it stood. Undefined when the element is not in the prerendered map.
 */
export function counterpart(element: Element | null, root: Element): ((live: Element) => HTMLElement | null) | undefined {
	if (!element || !root.contains(element) || element === root) return undefined;
	if (element.closest('[data-map-explore]')) return (live) => live.querySelector<HTMLElement>('.toolbar :is(button, input)');
	if (element instanceof HTMLElement && element.matches('button, input')) {
		const index = controls(root).indexOf(element);
		return (live) => controls(live)[index] ?? null;
	}
	const selector = counterpartSelector(element);
	return selector ? (live) => live.querySelector<HTMLElement>(selector) : undefined;
}

function counterpartSelector(element: Element): string | undefined {
	const actor = element.closest('[data-actor]')?.getAttribute('data-actor');
	if (actor) return attribute('data-actor', actor);
	if (element.id) return attribute('id', element.id);
	if (element.tagName === 'SUMMARY') return 'summary';
	const href = element.getAttribute('href');
	if (!href) return undefined;
	const row = element.closest('[data-link]')?.getAttribute('data-link');
	return row ? `${attribute('data-link', row)} a${attribute('href', href)}` : `a${attribute('href', href)}`;
}

/** An attribute selector matching exactly this value, whatever characters it holds. */
export function attribute(name: string, value: string): string {
	return `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
}
