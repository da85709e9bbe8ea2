import { describe, expect, it } from 'vitest';
import { limitBody } from '$lib/server/http/body-limit';

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
	it('passes reads through untouched, and small declared bodies re-made from their bytes', async () => {
		const get = new Request('http://x/');
		expect(await limitBody(get, 10)).toBe(get);
		const small = new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-length': '3' } });
		expect(await ((await limitBody(small, 10)) as Request).text()).toBe('a=1');
	});

	it('passes a declared body that Node has received in full through as it is, without reading it', async () => {
		const small = new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-length': '3' } });
		expect(await limitBody(small, 10, { complete: true })).toBe(small);
		expect(small.bodyUsed).toBe(false);
		// Still arriving: read (with its deadline) and re-made.
		const arriving = new Request('http://x/', { method: 'POST', body: 'a=1', headers: { 'content-length': '3' } });
		expect(await limitBody(arriving, 10, { complete: false })).not.toBe(arriving);
		// Received in full but over the limit: still 413.
		const big = new Request('http://x/', { method: 'POST', body: 'a'.repeat(20), headers: { 'content-length': '20' } });
		expect(((await limitBody(big, 10, { complete: true })) as Response).status).toBe(413);
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

	it('reads an oversized body without a length to its end before answering 413, so the socket is not reset', async () => {
		let cancelled = false;
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				if (sent >= 50_000) return controller.close();
				controller.enqueue(new Uint8Array(1000));
				sent += 1000;
			},
			cancel() {
				cancelled = true;
			}
		});
		const request = new Request('http://x/', { method: 'POST', body, duplex: 'half' } as RequestInit & {
			duplex: 'half';
		});
		const result = (await limitBody(request, 4096)) as Response;
		expect(result.status).toBe(413);
		expect(result.headers.get('connection')).toBe('close');
		expect(await result.text()).toBe('Request too large: the classroom accepts at most 4 KB per request.');
		expect([sent, cancelled]).toEqual([50_000, false]);
	});

	it('gives up on a body far past the limit, rather than read it all', async () => {
		const result = await limitBody(streamed(200_000), { limit: 4096, drainBytes: 10_000 });
		expect((result as Response).status).toBe(413);
	});

	it('answers 408 to a body that stalls, instead of waiting for Node’s five minutes', async () => {
		const stalled = new Request('http://x/', {
			method: 'POST',
			headers: { 'content-length': '100' },
			body: new ReadableStream<Uint8Array>({
				start(controller) {
					controller.enqueue(new Uint8Array(10));
				}
			}),
			duplex: 'half'
		} as RequestInit & { duplex: 'half' });
		const result = (await limitBody(stalled, { limit: 4096, timeoutMs: 50 })) as Response;
		expect(result.status).toBe(408);
		expect(await result.text()).toMatch(/^Request timeout: the form took more than 0.05 s to arrive\./);
	});
});
