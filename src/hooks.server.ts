/**
 * Server start-up and the guards every classroom request passes:
 * - Page HTML serializes prerendered markup once, not twice (static-html-once.ts), and does not ask
 *   for its scripts before its text has arrived.
 * - `init` opens the store before the first request: PostgreSQL when `DATABASE_URL` is set,
 *   otherwise `DATA_DIR/backchannel.sqlite` (created and migrated, so `npm start` needs no other
 *   set-up). The prerender step at build time skips it.
 * - Cross-site form posts are refused with 403 (see same-origin.ts for why here and not by
 *   SvelteKit), and request bodies over `MAX_BODY_BYTES` with 413, before any route reads them.
 * - Classroom pages are never cached and never leak their address (which may hold the
 *   dashboard key) to other sites through the Referer header.
 * - LTI: the registered platforms are read at start (a bad registration file stops the server
 *   with its located errors); the platform's own form posts to /lti/login and /lti/launch are
 *   cross-site by design and carry their proof (a signed id token and our state) in the body;
 *   pages a launch opens may be framed by the registered platforms only (lti/frame-policy.ts).
 */
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { building, dev } from '$app/environment';
import { env } from '$env/dynamic/private';
import { closeRepository, DEFAULT_DATA_DIR, initRepository, ltiStore, outboxStore } from '$lib/server/db';
import { limitBody, MAX_BODY_BYTES } from '$lib/server/http/body-limit';
import { isCrossSiteFormPost } from '$lib/server/http/same-origin';
import { isLessonFilesError } from '$lib/server/content/content-error';
import { frameHeaders } from '$lib/server/lti/frame-policy';
import { initScoreOutbox, stopScoreOutbox } from '$lib/server/lti/ags';
import { startDueSweeper, stopDueSweeper } from '$lib/server/lti/due-sweep';
import { ensureActiveKey, signingKey } from '$lib/server/lti/keys';
import { initPlatforms, platformRegistry, platformsSource } from '$lib/server/lti/platforms';
import { staticHtmlOnce } from '$lib/server/pages/static-html-once';

export const init: ServerInit = async () => {
	if (building) return;
	await initRepository({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
	const platforms = initPlatforms(
		platformsSource({ LTI_PLATFORMS_FILE: env.LTI_PLATFORMS_FILE, DATA_DIR: env.DATA_DIR }, DEFAULT_DATA_DIR)
	);
	if (platforms.platforms.length > 0) {
		// The tool's key pair is made on the first start with a platform registered, and kept (by
		// one process, when several start at once on PostgreSQL).
		await ensureActiveKey(ltiStore());
		// Scores for the LMS gradebook: asked for the key on each token request, so a rotation
		// needs no restart. On PostgreSQL each process runs a worker; they share the outbox's rows.
		const currentKey = async () => {
			const { kid, key } = await signingKey(ltiStore());
			return { kid, privateKey: key };
		};
		initScoreOutbox({ store: outboxStore(), signingKey: currentKey }).start();
		// Scores withheld until a due date go out when it passes, also one that passed while the
		// server was down (lti/due-sweep.ts).
		startDueSweeper();
	}
	// adapter-node emits this on SIGINT/SIGTERM once requests have drained.
	process.once('sveltekit:shutdown', async () => {
		// Scores not yet delivered, and due dates not yet swept, stay in the database for the next start.
		await stopDueSweeper();
		await stopScoreOutbox();
		await closeRepository();
	});
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

/**
 * No `<link rel="modulepreload">` for scripts: with them the browser fetches a page's ~45 kB of
 * JavaScript while the HTML is still arriving, and on a slow connection the text waits for its
 * share of the bandwidth (Lighthouse's simulated slow 4G put a lesson's first paint at 1.6 s, with
 * the links in the head or at the end of the body; 1.0 s without them). The text needs no script,
 * it is prerendered; the scripts load once the page has started them, a round trip or two later.
 * Styles still preload.
 */
const preload = ({ type }: { type: 'js' | 'css' | 'font' | 'asset' }) => type !== 'js';

/** In dev, Svelte checks `{@html}` on hydration: the markup is left in the data there. */
const transformPageChunk = ({ html }: { html: string }) => (dev ? html : staticHtmlOnce(html));

/**
 * The classroom's routes live in the `(classroom)` route group: the group, not a copy of its
 * paths, says which requests get the guards below (SvelteKit matches the route before `handle`).
 */
const isClassroomRoute = (routeId: string | null) => routeId?.startsWith('/(classroom)/') ?? false;
/** Posted to by the LMS itself (another site), and verified by what they carry. */
const PLATFORM_POSTS = new Set(['/lti/login', '/lti/launch']);

export const handle: Handle = async ({ event, resolve }) => {
	const platformPost = PLATFORM_POSTS.has(event.url.pathname);
	if (!platformPost && isCrossSiteFormPost(event.request, event.url)) {
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, {
			status: 403,
			headers: { 'content-type': 'text/plain; charset=utf-8' }
		});
	}
	if (!isClassroomRoute(event.route.id)) return resolve(event, { preload, transformPageChunk });
	// An id token can outgrow a classroom form (platforms put the course's details in it):
	// SvelteKit's own BODY_SIZE_LIMIT bounds those two.
	if (!platformPost) {
		const limited = await limitBody(event.request, MAX_BODY_BYTES, event.platform?.req);
		if (limited instanceof Response) return limited;
		event.request = limited;
	}
	const response = await resolve(event, { preload, transformPageChunk });
	// The tool's public key set says how long it may be cached; nothing else here may be.
	if (event.url.pathname !== '/lti/jwks') response.headers.set('cache-control', 'no-store');
	// Not `no-referrer`: under it browsers send `Origin: null` with a plain form post, which the
	// cross-site check above would refuse. `same-origin` still never tells another site the URL.
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-content-type-options', 'nosniff');
	for (const [name, value] of Object.entries(frameHeaders(event.url.pathname, platformRegistry().frameOrigins())))
		response.headers.set(name, value);
	return response;
};
