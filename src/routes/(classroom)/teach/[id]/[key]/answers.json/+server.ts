import { json } from '@sveltejs/kit';
import { requireDashboard } from '$lib/server/classroom/access';
import { answersExport } from '$lib/server/classroom/dashboard';
import { repository } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** Every stored try, for the teacher's own analysis (and the load test's check that none was lost). */
export const GET = (async ({ params, getClientAddress, cookies }) => {
	const assignment = await requireDashboard(params, getClientAddress(), cookies);
	return json({ assignment: assignment.id, answers: await answersExport(repository(), assignment) });
}) satisfies RequestHandler;
