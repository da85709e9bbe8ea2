import { fail, redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { requireDashboard } from '$lib/server/classroom/access';
import { readNewDueDate } from '$lib/server/classroom/assignment-settings';
import { assignmentState, keysReleased } from '$lib/server/classroom/assignments';
import { dashboardView } from '$lib/server/classroom/dashboard';
import { dashboardFigures } from '$lib/server/classroom/dashboard-figures';
import { readForm, textField } from '$lib/server/classroom/form';
import { isAdapterNodePlatform, linkOrigin } from '$lib/server/classroom/link-origin';
import { repository } from '$lib/server/db';
import { reportReleasedScores, reportScoreChange } from '$lib/server/lti/grade-passback';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, url, request, platform, getClientAddress, cookies }) => {
	const assignment = await requireDashboard(params, getClientAddress(), cookies);
	const { summary, figures } = await dashboardFigures(await dashboardView(repository(), assignment, Date.now()));
	return {
		view: summary,
		figures,
		links: {
			origin: linkOrigin({
				url,
				headers: request.headers,
				viaAdapterNode: isAdapterNodePlatform(platform),
				env: { ORIGIN: env.ORIGIN, PROTOCOL_HEADER: env.PROTOCOL_HEADER }
			}),
			join: `/join/${assignment.joinCode}`,
			dashboard: `/teach/${params.id}/${params.key}`,
			csv: `/teach/${params.id}/${params.key}/results.csv`,
			key: `/teach/${params.id}/${params.key}/key`
		},
		created: url.searchParams.has('created')
	};
}) satisfies PageServerLoad;

export const actions = {
	close: async ({ params, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		await repository().updateSchedule(assignment.id, { closedAt: Date.now(), dueAt: assignment.dueAt });
		return { action: 'close' as const, done: true };
	},
	release: async ({ params, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		const releasedAt = Date.now();
		await repository().releaseAnswers(assignment.id, releasedAt);
		// Scores held back from LMS gradebooks until the answers were shown go out now.
		const released = await repository().findAssignment(assignment.id);
		if (released) await reportReleasedScores(released, releasedAt);
		return { action: 'release' as const, done: true };
	},
	reopen: async ({ params, request, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		const now = Date.now();
		// Every student has seen every answer (released, or shown after the due date of an assessed
		// assignment): reopening would let them hand those in.
		if (assignment.releasedAt !== null || (assignment.mode === 'assessed' && keysReleased(assignment, now))) {
			return fail(400, {
				action: 'reopen' as const,
				errors: {
					due: 'Reopen: every student has seen the answers (released by you, or shown after the due date), so the assignment cannot take answers again.'
				}
			});
		}
		const reading = readNewDueDate(await readForm(request), now);
		if (!reading.ok) return fail(400, { action: 'reopen' as const, errors: reading.errors });
		const dueAt = reading.dueAt ?? assignment.dueAt;
		const reopened = { ...assignment, closedAt: null, dueAt };
		if (!assignmentState(reopened, now).open) {
			return fail(400, {
				action: 'reopen' as const,
				errors: { due: 'New due date: the due date has passed, so give a new one in the future to reopen.' }
			});
		}
		await repository().updateSchedule(assignment.id, { closedAt: null, dueAt });
		return { action: 'reopen' as const, done: true };
	},
	removeStudent: async ({ params, request, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		const data = await readForm(request);
		const action = 'removeStudent' as const;
		if (data.get('confirm') !== 'yes') {
			return fail(400, { action, message: 'Remove a student: tick the box to confirm the removal.' });
		}
		if (!(await repository().deleteStudent(assignment.id, textField(data, 'student') ?? ''))) {
			return fail(404, { action, message: 'Remove a student: that student is not on this assignment any more.' });
		}
		return { action, done: true, message: 'The student and their answers are removed.' };
	},
	mergeStudents: async ({ params, request, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		const data = await readForm(request);
		const action = 'mergeStudents' as const;
		const keep = textField(data, 'keep') ?? '';
		const duplicate = textField(data, 'duplicate') ?? '';
		if (keep === duplicate) {
			return fail(400, { action, message: 'Merge a duplicate: choose two different records.' });
		}
		if (!(await repository().mergeStudents(assignment.id, keep, duplicate))) {
			return fail(404, { action, message: 'Merge a duplicate: one of the two is not on this assignment any more.' });
		}
		// The kept record now holds the duplicate's answers: its LMS (if it came from one) gets the new score.
		await reportScoreChange(assignment, keep, Date.now());
		return { action, done: true, message: 'The two records are merged.' };
	},
	delete: async ({ params, request, getClientAddress, cookies }) => {
		const assignment = await requireDashboard(params, getClientAddress(), cookies);
		const data = await readForm(request);
		if (data.get('confirm') !== 'yes') {
			return fail(400, {
				action: 'delete' as const,
				errors: { confirm: 'Confirm: tick the box to confirm that everything should be deleted.' }
			});
		}
		await repository().deleteAssignment(assignment.id);
		redirect(303, '/teach?deleted');
	}
} satisfies Actions;
