import { redirect } from '@sveltejs/kit';
import { ltiStore, repository } from '$lib/server/db';
import { readForm, textField } from '$lib/server/classroom/form';
import { DEEP_LINKING_REQUEST } from '$lib/server/lti/claims';
import { startDeepLinking } from '$lib/server/lti/deep-linking';
import { launchDependencies, refusalPage, toolIsHttps } from '$lib/server/lti/http';
import { verifyLaunch } from '$lib/server/lti/launch';
import { resolveResourceLink } from '$lib/server/lti/resource-link';
import { startLanding } from '$lib/server/lti/sessions';
import type { RequestHandler } from './$types';

/** The platform's form post of the id token (the OIDC redirect URI, and every link's launch URL). */
export const POST = (async (event) => {
	const { request, cookies } = event;
	const form = await readForm(request);
	const verified = await verifyLaunch(
		{ idToken: textField(form, 'id_token'), state: textField(form, 'state') },
		launchDependencies()
	);
	if (!verified.ok) return refusalPage('launch', verified);
	const { platform, message } = verified;
	const now = Date.now();
	if (message.type === DEEP_LINKING_REQUEST) {
		const started = await startDeepLinking(ltiStore(), platform, message.claims, now);
		if (!started.ok) return refusalPage('launch', { ...started, platform });
		redirect(303, started.path);
	}
	const resolved = await resolveResourceLink(platform, message.claims, {
		repository: repository(),
		store: ltiStore(),
		now
	});
	if (!resolved.ok) return refusalPage('launch', { ...resolved, platform });
	redirect(303, await startLanding(ltiStore(), cookies, toolIsHttps(event), resolved.target, now));
}) satisfies RequestHandler;
