/**
 * Markup rendered at build time that a page inserts with `{@html}` (see
 * $lib/server/pages/render-static.ts): lesson text, the prerendered map and timeline.
 *
 * A page's own HTML already holds this markup, so the data serialized into that HTML for hydration
 * need not carry it a second time (it was a third of a lesson page's bytes): there it is replaced
 * by a placeholder (see $lib/server/pages/static-html-once.ts), which hydration leaves alone, since Svelte
 * keeps the server's `{@html}` nodes without comparing them. The page's `__data.json`, fetched when
 * the learner navigates to it inside the app, carries the markup in full. Being its own type is
 * what makes it recognisable in the serialized data: it is registered as a SvelteKit transport
 * type in src/hooks.ts.
 */
export class StaticHtml {
	constructor(readonly html: string) {}
}

/** The transport key, which names the type in serialized data. */
export const STATIC_HTML = 'StaticHtml';

/**
 * Stands for markup already in the page. Never empty: Svelte hydrates an empty `{@html}` as
 * holding nothing and would trip over the server's nodes.
 */
export const ALREADY_IN_PAGE = '<!-- prerendered -->';

export function encodeStaticHtml(value: unknown): false | [string] {
	return value instanceof StaticHtml && [value.html];
}

/** `[null]`: the placeholder left in a page's HTML. */
export function decodeStaticHtml([html]: [string | null]): StaticHtml {
	return new StaticHtml(html ?? ALREADY_IN_PAGE);
}
