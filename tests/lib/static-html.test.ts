/**
 * Prerendered markup as SvelteKit transports it: in full (a page's __data.json), or as the
 * placeholder a page's HTML carries instead.
 */
import { describe, expect, it } from 'vitest';
import { ALREADY_IN_PAGE, decodeStaticHtml, encodeStaticHtml, StaticHtml } from '$lib/static-html';

describe('StaticHtml transport', () => {
	it('leaves other values to SvelteKit', () => {
		expect(encodeStaticHtml('<p>a string</p>')).toBe(false);
		expect(encodeStaticHtml({ html: '<p>look-alike</p>' })).toBe(false);
	});

	it('carries the markup in full, and back', () => {
		const markup = new StaticHtml('<p>Witkoff called Ushakov.</p>');
		const encoded = encodeStaticHtml(markup);
		expect(encoded).toEqual(['<p>Witkoff called Ushakov.</p>']);
		expect(decodeStaticHtml(encoded as [string])).toEqual(markup);
	});

	it('claims empty markup too (an encoding of false would mean "not mine")', () => {
		expect(encodeStaticHtml(new StaticHtml(''))).toEqual(['']);
	});

	it('decodes the placeholder as non-empty markup, so hydration keeps the server’s nodes', () => {
		const decoded = decodeStaticHtml([null]);
		expect(decoded.html).toBe(ALREADY_IN_PAGE);
		expect(decoded.html.length).toBeGreaterThan(0);
	});
});
