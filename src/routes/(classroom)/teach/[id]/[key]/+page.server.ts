import { fail, redirect } from '@sveltejs/kit';
import { requireDashboard } from '$lib/server/classroom/access';
import { readNewDueDate } from '$lib/server/classroom/assignment-settings';
import { assignmentState, keysReleased } from '$lib/server/classroom/assignments';
import { dashboardView } from '$lib/server/classroom/dashboard';
import { dashboardFigures } from '$lib/server/classroom/dashboard-figures';
import { readForm } from '$lib/server/classroom/form';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, url, getClientAddress }) => {
	const assignment = await requireDashboard(params, getClientAddress());
	const { summary, figures } = dashboardFigures(await dashboardView(repository(), assignment, Date.now()));
	return {
		view: summary,
		figures,
		links: {
			// Without ORIGIN, adapter-node guesses https: the page corrects the origin once it runs.
			origin: url.origin,
			join: `/join/${assignment.joinCode}`,
			dashboard: `/teach/${params.id}/${params.key}`,
			csv: `/teach/${params.id}/${params.key}/results.csv`,
			key: `/teach/${params.id}/${params.key}/key`
		},
		created: url.searchParams.has('created')
	};
}) satisfies PageServerLoad;

export const actions = {
	close: async ({ params, getClientAddress }) => {
		const assignment = await requireDashboard(params, getClientAddress());
		await repository().updateSchedule(assignment.id, { closedAt: Date.now(), dueAt: assignment.dueAt });
		return { action: 'close' as const, done: true };
	},
	release: async ({ params, getClientAddress }) => {
		const assignment = await requireDashboard(params, getClientAddress());
		await repository().releaseAnswers(assignment.id, Date.now());
		return { action: 'release' as const, done: true };
	},
	reopen: async ({ params, request, getClientAddress }) => {
		const assignment = await requireDashboard(params, getClientAddress());
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
	delete: async ({ params, request, getClientAddress }) => {
		const assignment = await requireDashboard(params, getClientAddress());
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
