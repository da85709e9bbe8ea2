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
 *
 * Why this and not something simpler:
 * - SvelteKit writes the HTML's data and the `__data.json` in one pass from one `load`, with the
 *   same transport `encode` (kit's runtime/server/page/index.js stores the `__data.json` body
 *   while prerendering the page), so nothing before the finished HTML can tell the two copies
 *   apart. `transformPageChunk` is SvelteKit's documented hook for changing a page's HTML, and the
 *   placeholder swap there is a scan for `.decode('StaticHtml', ["…"])`, no regular expression.
 * - Rendering these parts as ordinary components would send and hydrate their code (the page's
 *   JS budget); `csr = false` fits pages with nothing interactive (people, sources), not a lesson
 *   with its quiz; leaving the copy in costs a third of the page's bytes.
 * - It relies on Svelte keeping the server's `{@html}` nodes on hydration without comparing them:
 *   its source says it deliberately does not repair `{@html}` mismatches, and dev builds warn
 *   `hydration_html_changed` ("the client value will be ignored in favour of the server value"),
 *   so in dev the markup is left in the data (hooks.server.ts). tests/browser/static-html-once.test.ts
 *   checks the whole mechanism on a real build, so an upgrade of Svelte or SvelteKit that changes
 *   the serialized format or this hydration behaviour fails there.
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
