/**
 * Refuses oversized request bodies with a clear 413 before any route parses them. Every form in
 * the classroom fits in a few kilobytes, so 16 KB is plenty and keeps a flood of large posts
 * cheap. A declared `content-length` is checked up front; a body without one (chunked) is read up
 * to the limit and no further.
 */
export const MAX_BODY_BYTES = 16 * 1024;

function tooLarge(limit: number): Response {
	return new Response(`Request too large: the classroom accepts at most ${limit / 1024} KB per request.`, {
		status: 413,
		headers: { 'content-type': 'text/plain; charset=utf-8' }
	});
}

/** The request, re-made from its bytes if they had to be counted, or a 413 response. */
export async function limitBody(request: Request, limit: number): Promise<Request | Response> {
	if (request.method === 'GET' || request.method === 'HEAD' || !request.body) return request;
	const declared = request.headers.get('content-length');
	if (declared !== null) {
		const length = Number(declared);
		if (!Number.isFinite(length) || length > limit) return tooLarge(limit);
		return request;
	}
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel();
			return tooLarge(limit);
		}
		chunks.push(value);
	}
	const body = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		body.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return new Request(request.url, { method: request.method, headers: request.headers, body });
}
