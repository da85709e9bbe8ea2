/**
 * Prerendered markup crosses to the browser once: in a page's HTML the serialized data carries a
 * placeholder, in `__data.json` (client-side navigation) the markup itself.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ALREADY_IN_PAGE, decodeStaticHtml, detectPageHtml, encodeStaticHtml, StaticHtml } from '../../src/lib/static-html';

const markup = new StaticHtml('<p>Witkoff called Ushakov.</p>');

afterEach(() => detectPageHtml(() => false));

describe('StaticHtml transport', () => {
	it('leaves other values to SvelteKit', () => {
		expect(encodeStaticHtml('<p>a string</p>')).toBe(false);
		expect(encodeStaticHtml({ html: '<p>look-alike</p>' })).toBe(false);
	});

	it('carries the markup in full when the response is not page HTML (or nobody said)', () => {
		const encoded = encodeStaticHtml(markup);
		expect(encoded).toEqual(['<p>Witkoff called Ushakov.</p>']);
		expect(decodeStaticHtml(encoded as [string | null])).toEqual(markup);
	});

	it('carries a placeholder in page HTML, decoded as non-empty markup so hydration keeps the server’s', () => {
		detectPageHtml(() => true);
		const encoded = encodeStaticHtml(new StaticHtml(markup.html));
		expect(encoded).toEqual([null]);
		const decoded = decodeStaticHtml(encoded as [string | null]);
		expect(decoded.html).toBe(ALREADY_IN_PAGE);
		expect(decoded.html.length).toBeGreaterThan(0);
	});

	it('keeps empty markup empty, in page HTML too, and still claims it (an encoding of false would mean "not mine")', () => {
		expect(encodeStaticHtml(new StaticHtml(''))).toEqual(['']);
		detectPageHtml(() => true);
		expect(encodeStaticHtml(new StaticHtml(''))).toEqual(['']);
		// Decided when made: markup made before the check said "page HTML" still travels in full.
		expect(encodeStaticHtml(markup)).toEqual([markup.html]);
	});
});
