import { fail, redirect } from '@sveltejs/kit';
import { assignmentFormData } from '$lib/server/classroom/assignment-form-data';
import { readAssignmentSettings } from '$lib/server/classroom/assignment-settings';
import { createAssignment } from '$lib/server/classroom/assignments';
import { readForm } from '$lib/server/classroom/form';
import { getCourse } from '$lib/server/course';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({
	...assignmentFormData(),
	deleted: url.searchParams.has('deleted')
})) satisfies PageServerLoad;

export const actions = {
	create: async ({ request }) => {
		const now = Date.now();
		const reading = readAssignmentSettings(await readForm(request), getCourse(), now);
		if (!reading.ok) return fail(400, { errors: reading.errors, values: reading.values });
		const { assignment, dashboardKey } = await createAssignment(repository(), reading.settings, now);
		redirect(303, `/teach/${assignment.id}/${dashboardKey}?created`);
	}
} satisfies Actions;
