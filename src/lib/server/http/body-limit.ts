/**
 * Reads a classroom request's body before any route does, so that a bad one gets a clear answer:
 *
 * - Over 16 KB: 413. Every form in the classroom fits in a few kilobytes, so 16 KB is plenty and
 *   keeps a flood of large posts cheap. A declared `content-length` is refused up front. A body
 *   without one (chunked) is counted as it arrives; past the limit the rest is read and thrown
 *   away (up to `DRAIN_BYTES`) before answering, because cancelling the stream makes adapter-node
 *   destroy the socket, and the client sees a connection reset instead of the 413.
 * - Slower than `BODY_TIMEOUT_MS` to arrive in full: 408. Node would otherwise wait its default
 *   `requestTimeout` (300 s) for a body that was declared and never sent, holding the connection.
 *   adapter-node offers no setting for that timeout (only `HEADERS_TIMEOUT` and
 *   `KEEP_ALIVE_TIMEOUT`), so the deadline is kept here, where a form's body is read anyway.
 *
 * A form's body usually arrives with its headers: when Node says it has the whole request
 * (adapter-node passes Node's request as `event.platform.req`) and its declared length fits,
 * nothing can stall or overflow, and the request goes on as it is. Re-making it from its bytes
 * (a second web `Request` and body stream) was a tenth of the server's work per hand-in.
 */
export const MAX_BODY_BYTES = 16 * 1024;
export const BODY_TIMEOUT_MS = 10_000;
/** How much of an oversized body is read and discarded to answer 413 cleanly; beyond it, reset. */
export const DRAIN_BYTES = 1024 * 1024;

function refusal(status: 408 | 413, message: string): Response {
	// The connection may still hold unread bytes of the body: do not reuse it.
	return new Response(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }
	});
}

const tooLarge = (limit: number) =>
	refusal(413, `Request too large: the classroom accepts at most ${limit / 1024} KB per request.`);
const tooSlow = (timeoutMs: number) =>
	refusal(
		408,
		`Request timeout: the form took more than ${timeoutMs / 1000} s to arrive. Check the connection and send it again.`
	);

const TIMED_OUT = Symbol('timed out');

export interface BodyLimits {
	limit: number;
	timeoutMs?: number;
	drainBytes?: number;
}

/** What Node says of the request behind a web `Request` (an `IncomingMessage` has it). */
export interface ArrivedRequest {
	/** The whole message, body included, has been received. */
	complete: boolean;
}

/**
 * The request (as it is if its body had fully arrived within the limit, else re-made from its
 * bytes), or a 408 / 413 response.
 */
export async function limitBody(
	request: Request,
	limit: number | BodyLimits,
	arrived?: ArrivedRequest
): Promise<Request | Response> {
	const {
		limit: maxBytes,
		timeoutMs = BODY_TIMEOUT_MS,
		drainBytes = DRAIN_BYTES
	} = typeof limit === 'number' ? { limit } : limit;
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
	const declared = request.headers.get('content-length');
	if (declared !== null) {
		const length = Number(declared);
		if (!Number.isFinite(length) || length > maxBytes) return tooLarge(maxBytes);
		// Node has read the declared length in full: it is in memory, and within the limit.
		if (arrived?.complete) return request;
	}

	const reader = request.body.getReader();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
		timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
	});
	const chunks: Uint8Array[] = [];
	let size = 0;
	try {
		for (;;) {
			const next = await Promise.race([reader.read(), deadline]);
			// Not cancelled: adapter-node would destroy the socket before the 408 is written. The
			// response's `connection: close` ends the connection once the answer is sent.
			if (next === TIMED_OUT) return tooSlow(timeoutMs);
			if (next.done) break;
			size += next.value.byteLength;
			if (size > maxBytes + drainBytes) {
				await reader.cancel().catch(() => undefined);
				return tooLarge(maxBytes);
			}
			if (size <= maxBytes) chunks.push(next.value);
		}
	} finally {
		clearTimeout(timer);
	}
	if (size > maxBytes) return tooLarge(maxBytes);

	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new Request(request.url, { method: request.method, headers: request.headers, body });
}
