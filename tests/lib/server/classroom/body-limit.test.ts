import { describe, expect, it } from 'vitest';
import { limitBody } from '$lib/server/classroom/body-limit';

function streamOf(size: number, chunk = 1000): ReadableStream<Uint8Array> {
	let sent = 0;
	return new ReadableStream({
		pull(controller) {
			if (sent >= size) return controller.close();
			const length = Math.min(chunk, size - sent);
			controller.enqueue(new Uint8Array(length).fill(97));
			sent += length;
		}
	});
}

// Node's Request needs `duplex` to take a stream; lib.dom's RequestInit does not list it.
const streamed = (size: number) =>
	new Request('http://x/', { method: 'POST', body: streamOf(size), duplex: 'half' } as RequestInit & {
		duplex: 'half';
	});

describe('limitBody', () => {
	it('passes reads and small declared bodies through untouched', async () => {
		const get = new Request('http://x/');
		expect(await limitBody(get, 10)).toBe(get);
		const small = new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-length': '3' } });
		expect(await limitBody(small, 10)).toBe(small);
	});

	it('refuses a declared length over the limit with 413, before reading', async () => {
		const big = new Request('http://x/', { method: 'POST', body: 'a'.repeat(20), headers: { 'content-length': '20' } });
		const result = await limitBody(big, 10);
		expect(result).toBeInstanceOf(Response);
		expect((result as Response).status).toBe(413);
	});

	it('counts a body without a length and re-makes the request when it fits', async () => {
		const result = await limitBody(streamed(2500), 4096);
		expect(result).toBeInstanceOf(Request);
		expect((await (result as Request).text()).length).toBe(2500);
	});

	it('stops reading a body without a length at the limit', async () => {
		const result = await limitBody(streamed(50_000), 4096);
		expect((result as Response).status).toBe(413);
		expect(await (result as Response).text()).toBe(
			'Request too large: the classroom accepts at most 4 KB per request.'
		);
	});
});
