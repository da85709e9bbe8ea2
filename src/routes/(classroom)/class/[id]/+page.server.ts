import { redirect } from '@sveltejs/kit';
import { requireStudent } from '$lib/server/classroom/access';
import { studentOverview } from '$lib/server/classroom/student-view';
import { requestIsHttps } from '$lib/server/http/same-origin';
import { signOut } from '$lib/server/classroom/students';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { params, url } = event;
	const { assignment, signedIn } = await requireStudent(params.id, event);
	return {
		overview: await studentOverview(repository(), assignment, signedIn, Date.now()),
		joined: url.searchParams.has('joined')
	};
}) satisfies PageServerLoad;

export const actions = {
	signout: async ({ params, cookies, request, url }) => {
		await signOut(repository(), cookies, requestIsHttps(request, url), params.id);
		redirect(303, '/join');
	}
} satisfies Actions;
