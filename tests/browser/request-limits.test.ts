/**
 * Oversized and stalled request bodies against the production server (adapter-node), where the
 * way a refusal is sent decides whether the client sees it: an oversized chunked body gets its
 * 413 rather than a connection reset, and a body that stalls gets a 408 within seconds rather
 * than being held for Node's five minutes.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { appUrl } from './harness';

const origin = new URL(appUrl('/')).origin;

describe('request bodies the classroom refuses', () => {
	it('answers an oversized chunked body with a readable 413, not a reset', async () => {
		const bytes = new Uint8Array(40_000).fill(97);
		const body = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let offset = 0; offset < bytes.length; offset += 4096)
					controller.enqueue(bytes.slice(offset, offset + 4096));
				controller.close();
			}
		});
		const init: RequestInit & { duplex: 'half' } = {
			method: 'POST',
			body,
			duplex: 'half',
			headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }
		};
		const response = await fetch(appUrl('/join?/join'), init);
		expect(response.status).toBe(413);
		expect(await response.text()).toBe('Request too large: the classroom accepts at most 16 KB per request.');
	});

	it('answers a body that stops arriving with 408 and closes the connection', { timeout: 30_000 }, async () => {
		const { port, hostname } = new URL(origin);
		const reply = await new Promise<string>((resolve, reject) => {
			let received = '';
			const socket = connect(Number(port), hostname, () => {
				socket.write(
					`POST /join?/join HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${origin}\r\n` +
						'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nname=a'
				);
			});
			socket.setEncoding('utf8');
			socket.on('data', (chunk: string) => (received += chunk));
			socket.on('close', () => resolve(received));
			socket.on('error', reject);
			// Node's own limit would be 300 s: a reply long before the test's timeout is the app's.
		});
		expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
		expect(reply).toContain('Request timeout: the form took more than 10 s to arrive.');
	});
});
