/**
 * Markup rendered at build time that a page inserts with `{@html}` (see
 * $lib/server/render-static.ts): lesson text, the prerendered map and timeline, the cast.
 *
 * A page's own HTML already holds this markup, so the data SvelteKit serializes into that HTML for
 * hydration need not carry it a second time: there it travels as a placeholder, which hydration
 * leaves alone (Svelte keeps the server's `{@html}` nodes and does not compare them). That second
 * copy was a third of a lesson page's bytes. The data fetched when the learner navigates to a page
 * (`__data.json`) carries the markup in full, since there the page is rendered in the browser.
 *
 * Which of the two a value is for is decided when it is made, in the page's `load` (the only
 * place SvelteKit says whether the request is for data); hooks.server.ts supplies that check, and
 * nowhere else (in dev, or in tests) is markup ever left out. Registered as a SvelteKit transport
 * type in src/hooks.ts.
 */

let servingPageHtml: () => boolean = () => false;

/** Tells StaticHtml how to know, while a page's data is loaded, that it is for the page's HTML. Server only. */
export function detectPageHtml(check: () => boolean): void {
	servingPageHtml = check;
}

export class StaticHtml {
	/** Serialized into the HTML of the page that shows it, where a placeholder stands for it. */
	readonly inPageHtml = servingPageHtml();
	constructor(readonly html: string) {}
}

/**
 * Stands for markup already in the page. Never empty: Svelte hydrates an empty `{@html}` as
 * holding nothing and would trip over the server's nodes.
 */
export const ALREADY_IN_PAGE = '<!-- prerendered -->';

/** Empty markup stays empty: the page holds nothing for hydration to keep. */
export function encodeStaticHtml(value: unknown): false | [string | null] {
	return value instanceof StaticHtml && [value.html !== '' && value.inPageHtml ? null : value.html];
}

export function decodeStaticHtml([html]: [string | null]): StaticHtml {
	return new StaticHtml(html ?? ALREADY_IN_PAGE);
}
