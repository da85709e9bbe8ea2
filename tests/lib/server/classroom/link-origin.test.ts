import { describe, expect, it } from 'vitest';
import { isAdapterNodePlatform, linkOrigin } from '$lib/server/classroom/link-origin';

// What adapter-node hands SvelteKit without ORIGIN or PROTOCOL_HEADER: an https URL, always.
const guessed = new URL('https://teacher-laptop:3000/teach/a/k');

describe('linkOrigin', () => {
	it('says http for adapter-node’s own plain-HTTP server when nothing is configured', () => {
		expect(linkOrigin({ url: guessed, headers: new Headers(), viaAdapterNode: true, env: {} })).toBe(
			'http://teacher-laptop:3000'
		);
	});

	it('follows a TLS proxy’s X-Forwarded-Proto', () => {
		const headers = new Headers({ 'x-forwarded-proto': 'https, http' });
		expect(linkOrigin({ url: guessed, headers, viaAdapterNode: true, env: {} })).toBe('https://teacher-laptop:3000');
	});

	it('trusts the URL when ORIGIN or PROTOCOL_HEADER is set, or outside adapter-node', () => {
		const headers = new Headers();
		expect(linkOrigin({ url: guessed, headers, viaAdapterNode: true, env: { ORIGIN: 'https://x' } })).toBe(
			'https://teacher-laptop:3000'
		);
		expect(linkOrigin({ url: guessed, headers, viaAdapterNode: true, env: { PROTOCOL_HEADER: 'x-proto' } })).toBe(
			'https://teacher-laptop:3000'
		);
		expect(linkOrigin({ url: new URL('http://127.0.0.1:5173/'), headers, viaAdapterNode: false, env: {} })).toBe(
			'http://127.0.0.1:5173'
		);
	});

	it('recognises adapter-node’s platform object', () => {
		expect(isAdapterNodePlatform({ req: {} })).toBe(true);
		expect(isAdapterNodePlatform(undefined)).toBe(false);
		expect(isAdapterNodePlatform({})).toBe(false);
	});
});
