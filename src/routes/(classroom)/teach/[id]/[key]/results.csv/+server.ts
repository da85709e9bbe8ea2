import { requireDashboard } from '$lib/server/classroom/access';
import { csvFileName, resultsCsv } from '$lib/server/classroom/dashboard';
import { repository } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET = (async ({ params, getClientAddress, cookies }) => {
	const assignment = await requireDashboard(params, getClientAddress(), cookies);
	return new Response(await resultsCsv(repository(), assignment), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName(assignment)}"`
		}
	});
}) satisfies RequestHandler;
