/**
 * Leaves out of a page's hydration data the prerendered markup the page already shows (see
 * $lib/static-html.ts). SvelteKit serializes a page's data once for its HTML and once for its
 * `__data.json`, at build time from the same `load`, so the difference can only be made here, on
 * the HTML: each `app.decode('StaticHtml', ["…"])` it wrote becomes `app.decode('StaticHtml', [null])`.
 * Empty markup is kept: the page holds nothing for hydration to keep.
 */
import { STATIC_HTML } from '$lib/static-html';

/** A transported StaticHtml as SvelteKit writes it into the page: its markup as one JS string literal. */
const SERIALIZED = new RegExp(`(\\.decode\\('${STATIC_HTML}', \\[)"(?:[^"\\\\]|\\\\.)+"(\\]\\))`, 'g');

export function staticHtmlOnce(html: string): string {
	return html.replace(SERIALIZED, '$1null$2');
}
