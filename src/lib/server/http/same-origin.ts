/**
 * Cross-site form posts are refused here rather than by SvelteKit's own check. SvelteKit compares
 * the Origin header with the URL it builds, and adapter-node builds that URL as `https://` unless
 * ORIGIN or PROTOCOL_HEADER is set: a school serving `npm start` over plain HTTP on its network
 * would have every form refused. The host decides whether a post is same-site; the scheme
 * is only what the browser reports (used for the cookie's `secure` flag).
 */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// The content types a cross-site HTML form can send without a CORS preflight.
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

export function isCrossSiteFormPost(request: Request, url: URL): boolean {
	if (!UNSAFE_METHODS.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.has(type)) return false;
	const origin = request.headers.get('origin');
	if (!origin) return true;
	try {
		return new URL(origin).host !== url.host;
	} catch {
		return true;
	}
}

/** Whether the browser reached us over HTTPS, as its Origin header says (else as the URL says). */
export function requestIsHttps(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin?.startsWith('https://')) return true;
	if (origin?.startsWith('http://')) return false;
	return url.protocol === 'https:';
}
