import { requireDashboard } from '$lib/server/classroom/access';
import { assessmentPreview } from '$lib/server/classroom/assessment-preview';
import type { PageServerLoad } from './$types';

// Behind the dashboard key; hooks.server.ts marks every classroom response `no-store`.
export const load = (async ({ params, getClientAddress, cookies }) => {
	const assignment = await requireDashboard(params, getClientAddress(), cookies);
	return { preview: assessmentPreview(assignment), dashboard: `/teach/${params.id}/${params.key}` };
}) satisfies PageServerLoad;
