/**
 * A page's HTML carries its prerendered markup once: the copies SvelteKit serialized into its
 * hydration data become placeholders, and nothing else in the page changes.
 */
import { uneval } from 'devalue';
import { describe, expect, it } from 'vitest';
import { staticHtmlOnce } from '$lib/server/pages/static-html-once';
import { encodeStaticHtml, StaticHtml } from '$lib/static-html';

/** What SvelteKit writes into a page for a transported value (its server_data_serializer). */
const serialized = (value: StaticHtml) => `app.decode('StaticHtml', ${uneval(encodeStaticHtml(value))})`;

describe('staticHtmlOnce', () => {
	it('replaces each serialized copy with a placeholder, whatever the markup holds', () => {
		const tricky = new StaticHtml(
			'<p class="x">A “quote”, a \\ backslash, "double" and \'single\' quotes, </script> and\nlines</p>'
		);
		const plain = new StaticHtml('<h1>The calls</h1>');
		const page = `<main>${plain.html}</main><script>data: {intro:${serialized(tricky)},nav:${serialized(plain)},title:"The calls"}</script>`;
		expect(staticHtmlOnce(page)).toBe(
			`<main>${plain.html}</main><script>data: {intro:app.decode('StaticHtml', [null]),nav:app.decode('StaticHtml', [null]),title:"The calls"}</script>`
		);
	});

	it('keeps empty markup, and leaves a page without any untouched', () => {
		const page = `<script>{a:${serialized(new StaticHtml(''))}}</script>`;
		expect(staticHtmlOnce(page)).toBe(page);
		expect(staticHtmlOnce('<p>app.decode("other", ["x"])</p>')).toBe('<p>app.decode("other", ["x"])</p>');
	});

	it('handles markup of tens of megabytes, escapes every few characters (a regular expression overflowed the stack)', () => {
		const paragraph = '<p>\n</p>\n';
		const big = new StaticHtml(paragraph.repeat(Math.ceil(20_000_000 / paragraph.length)));
		const page = `<script>{a:${serialized(big)},b:1}</script>`;
		expect(page.length).toBeGreaterThan(20_000_000);
		expect(staticHtmlOnce(page)).toBe(`<script>{a:app.decode('StaticHtml', [null]),b:1}</script>`);
	}, 30_000);
});
