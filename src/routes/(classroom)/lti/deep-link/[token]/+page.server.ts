import { error, fail } from '@sveltejs/kit';
import { assignmentFormData } from '$lib/server/classroom/assignment-form-data';
import { readAssignmentSettings } from '$lib/server/classroom/assignment-settings';
import { createAssignment } from '$lib/server/classroom/assignments';
import { readForm } from '$lib/server/classroom/form';
import { getCourse } from '$lib/server/course';
import { ltiStore, repository } from '$lib/server/db';
import { deepLinkingResponse } from '$lib/server/lti/deep-linking';
import { toolOrigin } from '$lib/server/lti/http';
import { signingKey } from '$lib/server/lti/keys';
import { tokenHash } from '$lib/server/lti/sessions';
import type { Actions, PageServerLoad } from './$types';

const EXPIRED =
	'This activity form has expired or was already used: start again from “add an activity” in your course.';

async function requireContext(token: string) {
	const context = await ltiStore().findDeepLinkContext(tokenHash(token), Date.now());
	if (!context) error(410, EXPIRED);
	return context;
}

export const load = (async ({ params, request }) => {
	// After the action (a POST) the page shows its result, and the context is used up by then.
	if (request.method !== 'POST') await requireContext(params.token);
	return assignmentFormData();
}) satisfies PageServerLoad;

export const actions = {
	default: async (event) => {
		const { params, request } = event;
		const context = await requireContext(params.token);
		const now = Date.now();
		const reading = readAssignmentSettings(await readForm(request), getCourse(), now);
		if (!reading.ok) return fail(400, { errors: reading.errors, values: reading.values });
		// One assignment per request, even if the form is sent twice.
		if (!(await ltiStore().takeDeepLinkContext(tokenHash(params.token)))) error(410, EXPIRED);
		const { assignment } = await createAssignment(repository(), reading.settings, now);
		const jwt = await deepLinkingResponse({
			context,
			assignment,
			secretKey: await repository().secretKey(),
			signingKey: await signingKey(ltiStore()),
			toolOrigin: toolOrigin(event),
			now
		});
		return { returnUrl: context.returnUrl, jwt, title: assignment.title };
	}
} satisfies Actions;
