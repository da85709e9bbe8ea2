import { redirect } from '@sveltejs/kit';
import { ltiStore } from '$lib/server/db';
import { readForm } from '$lib/server/classroom/form';
import { refusalPage, toolOrigin, type OriginEvent } from '$lib/server/lti/http';
import { startLogin } from '$lib/server/lti/login';
import { platformRegistry } from '$lib/server/lti/platforms';
import type { RequestHandler } from './$types';

/** OIDC login initiation: the platform may send its parameters in the query (GET) or a form (POST). */
async function login(params: URLSearchParams, event: OriginEvent): Promise<Response> {
	const result = await startLogin(params, {
		store: ltiStore(),
		registry: platformRegistry(),
		toolOrigin: toolOrigin(event),
		now: Date.now()
	});
	if (!result.ok) return refusalPage('login', result);
	redirect(302, result.redirect.href);
}

export const GET = (async (event) => login(event.url.searchParams, event)) satisfies RequestHandler;

export const POST = (async (event) => {
	const form = await readForm(event.request);
	const params = new URLSearchParams();
	for (const [name, value] of form) if (typeof value === 'string') params.set(name, value);
	return login(params, event);
}) satisfies RequestHandler;
