import { fail, redirect } from '@sveltejs/kit';
import {
	DEFAULT_PASS_MARK,
	DEFAULT_TRIES,
	MAX_TITLE_LENGTH,
	MAX_TRIES,
	readAssignmentSettings
} from '$lib/server/classroom/assignment-settings';
import { createAssignment } from '$lib/server/classroom/assignments';
import { readForm } from '$lib/server/classroom/form';
import { hasHeldBackItems, heldBackSlots } from '$lib/server/assessment/bank';
import { getCourse } from '$lib/server/course';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (({ url }) => ({
	modules: getCourse().modules.map((module) => ({
		slug: module.slug,
		title: module.title,
		// Counts only: the held-back items themselves never leave the server here.
		assessable: hasHeldBackItems(
			module.slug,
			module.lessons.map((lesson) => lesson.slug)
		),
		lessons: module.lessons.map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title,
			questions: lesson.quiz.questions.length,
			heldBack: heldBackSlots(module.slug, lesson.slug).length
		}))
	})),
	limits: { maxTries: MAX_TRIES, maxTitle: MAX_TITLE_LENGTH },
	defaults: { passMark: DEFAULT_PASS_MARK, tries: DEFAULT_TRIES },
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
