/**
 * Leaves out of a page's hydration data the prerendered markup the page already shows (see
 * $lib/static-html.ts). SvelteKit serializes a page's data once for its HTML and once for its
 * `__data.json`, at build time from the same `load`, so the difference can only be made here, on
 * the HTML: each `app.decode('StaticHtml', ["…"])` it wrote becomes `app.decode('StaticHtml', [null])`.
 * Empty markup is kept: the page holds nothing for hydration to keep.
 */
import { STATIC_HTML } from '$lib/static-html';

/** What precedes a transported StaticHtml's markup, written as one JS string literal. */
const OPENING = `.decode('${STATIC_HTML}', ["`;
const CLOSING = '"])';

/**
 * Index just past the closing quote of the JS string literal whose opening quote is at `start - 1`.
 * Scanned by hand rather than by a regular expression: any pattern that repeats once per character
 * or per escape keeps a backtracking entry each time, and overflowed V8's stack on large lessons.
 */
function endOfStringLiteral(text: string, start: number): number {
	for (let index = start; index < text.length; index++) {
		if (text[index] === '\\') index++;
		else if (text[index] === '"') return index + 1;
	}
	return -1;
}

export function staticHtmlOnce(html: string): string {
	const parts: string[] = [];
	let copied = 0;
	for (let at = html.indexOf(OPENING); at !== -1; at = html.indexOf(OPENING, copied)) {
		const literalStart = at + OPENING.length;
		const end = endOfStringLiteral(html, literalStart);
		if (end === -1) break;
		const emptyMarkup = end === literalStart + 1;
		if (!emptyMarkup && html.startsWith(CLOSING.slice(1), end)) {
			parts.push(html.slice(copied, literalStart - 1), 'null');
			copied = end;
		} else {
			parts.push(html.slice(copied, end));
			copied = end;
		}
	}
	parts.push(html.slice(copied));
	return parts.join('');
}
