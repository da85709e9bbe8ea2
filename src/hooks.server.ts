/**
 * Server start-up and the guards every classroom request passes:
 * - Page HTML serializes prerendered markup once, not twice (static-html.ts).
 * - `init` opens the store (creating and migrating `DATA_DIR/backchannel.sqlite`) before the
 *   first request, so `npm start` needs no other set-up; the prerender step at build time skips it.
 * - Cross-site form posts are refused with 403 (see same-origin.ts for why here and not by
 *   SvelteKit), and request bodies over `MAX_BODY_BYTES` with 413, before any route reads them.
 * - Classroom pages are never cached and never leak their address (which may hold the
 *   dashboard key) to other sites through the Referer header.
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { closeRepository, DEFAULT_DATA_DIR, initRepository } from '$lib/server/db';
import { limitBody, MAX_BODY_BYTES } from '$lib/server/classroom/body-limit';
import { isCrossSiteFormPost } from '$lib/server/classroom/same-origin';
import { isLessonFilesError } from '$lib/server/content/content-error';
import { getRequestEvent } from '$app/server';
import { detectPageHtml } from '$lib/static-html';

// Prerendered markup is not serialized twice into a page's HTML (see static-html.ts). Markup made
// outside a request's load, or in dev, travels in full: that is always correct.
if (!dev) {
	detectPageHtml(() => {
		try {
			return !getRequestEvent().isDataRequest;
		} catch {
			return false;
		}
	});
}

export const init: ServerInit = () => {
	if (building) return;
	initRepository(env.DATA_DIR || DEFAULT_DATA_DIR);
	// adapter-node emits this on SIGINT/SIGTERM once requests have drained.
	process.once('sveltekit:shutdown', closeRepository);
};

/**
 * While writing lessons in dev, a bad lesson file shows its located errors on the page (and in
 * Vite's overlay) rather than "Internal Error". In production a bad file never gets this far: it
 * fails the build.
 */
export const handleError: HandleServerError = ({ error }) => {
	if (dev && isLessonFilesError(error)) return { message: error.message };
	return undefined;
};

const CLASSROOM_PATHS = /^\/(teach|join|class)(\/|$)/;

export const handle: Handle = async ({ event, resolve }) => {
	if (isCrossSiteFormPost(event.request, event.url)) {
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	if (!CLASSROOM_PATHS.test(event.url.pathname)) return resolve(event);
	const limited = await limitBody(event.request, MAX_BODY_BYTES);
	if (limited instanceof Response) return limited;
	event.request = limited;
	const response = await resolve(event);
	response.headers.set('cache-control', 'no-store');
	// Not `no-referrer`: under it browsers send `Origin: null` with a plain form post, which the
	// cross-site check above would refuse. `same-origin` still never tells another site the URL.
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};
