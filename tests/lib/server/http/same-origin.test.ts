import { describe, expect, it } from 'vitest';
import { isCrossSiteFormPost, requestIsHttps } from '$lib/server/http/same-origin';

const url = new URL('https://school.example:3000/join');
const post = (headers: Record<string, string>, method = 'POST') =>
	new Request(url, { method, headers, body: method === 'GET' ? undefined : 'a=1' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('isCrossSiteFormPost', () => {
	it('lets a form from the same host through whatever scheme the server assumed', () => {
		expect(isCrossSiteFormPost(post({ ...form, origin: 'http://school.example:3000' }), url)).toBe(false);
		expect(isCrossSiteFormPost(post({ ...form, origin: 'https://school.example:3000' }), url)).toBe(false);
	});

	it.each([
		['another host', { ...form, origin: 'http://evil.example' }],
		['another port', { ...form, origin: 'http://school.example:4000' }],
		['no origin', form],
		['an unreadable origin', { ...form, origin: 'null' }],
		[
			'multipart from another host',
			{ 'content-type': 'multipart/form-data; boundary=x', origin: 'http://evil.example' }
		],
		['text/plain from another host', { 'content-type': 'text/plain', origin: 'http://evil.example' }]
	])('refuses a form post with %s', (_case, headers) => {
		expect(isCrossSiteFormPost(post(headers), url)).toBe(true);
	});

	it('leaves reads and non-form bodies to the routes', () => {
		expect(isCrossSiteFormPost(new Request(url, { headers: { origin: 'http://evil.example' } }), url)).toBe(false);
		expect(isCrossSiteFormPost(post({ 'content-type': 'application/json', origin: 'http://evil.example' }), url)).toBe(
			false
		);
	});
});

describe('requestIsHttps', () => {
	it('believes the browser’s Origin over the URL the server built', () => {
		expect(requestIsHttps(post({ origin: 'http://school.example:3000' }), url)).toBe(false);
		expect(requestIsHttps(post({ origin: 'https://school.example:3000' }), new URL('http://x'))).toBe(true);
		expect(requestIsHttps(post({}), url)).toBe(true);
	});
});
