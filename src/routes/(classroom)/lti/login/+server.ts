import { redirect, type RequestEvent } from '@sveltejs/kit';
import { ltiStore } from '$lib/server/db';
import { readForm } from '$lib/server/classroom/form';
import { refusalPage, toolOrigin } from '$lib/server/lti/http';
import { startLogin } from '$lib/server/lti/login';
import { loginLimiter, TOO_MANY_LOGINS } from '$lib/server/lti/login-limit';
import { platformRegistry } from '$lib/server/lti/platforms';
import type { RequestHandler } from './$types';

/** OIDC login initiation: the platform may send its parameters in the query (GET) or a form (POST). */
async function login(params: URLSearchParams, event: RequestEvent): Promise<Response> {
	const address = event.getClientAddress();
	const now = Date.now();
	// Checked before anything is stored: each login keeps a state row for 10 minutes.
	if (!(await loginLimiter.allows(address, now))) return refusalPage('login', { status: 429, what: TOO_MANY_LOGINS });
	const result = await startLogin(params, {
		store: ltiStore(),
		registry: platformRegistry(),
		toolOrigin: toolOrigin(event),
		now
	});
	if (!result.ok) return refusalPage('login', result);
	await loginLimiter.recordLogin(address, now);
	redirect(302, result.redirect.href);
}

export const GET = (async (event) => login(event.url.searchParams, event)) satisfies RequestHandler;

export const POST = (async (event) => {
	const form = await readForm(event.request);
	const params = new URLSearchParams();
	for (const [name, value] of form) if (typeof value === 'string') params.set(name, value);
	return login(params, event);
}) satisfies RequestHandler;
