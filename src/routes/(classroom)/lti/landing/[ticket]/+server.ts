import { redirect } from '@sveltejs/kit';
import { ltiStore, repository } from '$lib/server/db';
import { LMS_SIGN_IN, signIn } from '$lib/server/classroom/students';
import { newWindowPage, refusalPage, toolIsHttps } from '$lib/server/lti/http';
import {
	dashboardPath,
	frameCookieOptions,
	landingPath,
	PROBE_COOKIE,
	signInInstructor,
	tokenHash
} from '$lib/server/lti/sessions';
import type { RequestHandler } from './$types';

/** Where a verified launch lands (see src/lib/server/lti/sessions.ts for the probe and the new window). */
export const GET = (async (event) => {
	const { params, url, cookies } = event;
	const cookiesWork = cookies.get(PROBE_COOKIE) !== undefined;
	if (!cookiesWork && !url.searchParams.has('window')) return newWindowPage(landingPath(params.ticket));
	const now = Date.now();
	const https = toolIsHttps(event);
	const target = await ltiStore().takeLanding(tokenHash(params.ticket), now);
	if (!target) {
		return refusalPage('landing', {
			status: 410,
			what: 'this sign-in link was already used or has expired: open the activity again from your course'
		});
	}
	cookies.delete(PROBE_COOKIE, frameCookieOptions(https, '/lti'));
	if (target.kind === 'instructor') {
		await signInInstructor(ltiStore(), cookies, https, target, now);
		redirect(303, dashboardPath(target.assignmentId));
	}
	const student = await repository().findStudent(target.studentId);
	if (!student) {
		return refusalPage('landing', { status: 404, what: 'this student was removed from the assignment by the teacher' });
	}
	await signIn(repository(), cookies, https, { student, resumeCode: LMS_SIGN_IN }, now, { crossSite: true });
	redirect(303, `/class/${target.assignmentId}`);
}) satisfies RequestHandler;
