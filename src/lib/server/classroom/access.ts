/**
 * Access checks shared by the classroom routes, answering with SvelteKit errors: the teacher's
 * key for a dashboard, the student's session for their pages. A right key or session is let in
 * at once whatever else came from the same address; a wrong one is counted and its reply slowed
 * (rate-limit.ts).
 */
import { error, type Cookies } from '@sveltejs/kit';
import type { AssignmentRecord } from '$lib/server/db';
import { ltiStore, repository } from '$lib/server/db';
import { hasInstructorSession, LMS_DASHBOARD_KEY } from '$lib/server/lti/sessions';
import { openDashboard } from './assignments.ts';
import { addressBucket, guessThrottle, targetBucket } from './rate-limit.ts';
import { requestIsHttps } from '../http/same-origin.ts';
import { hasSessionCookie, signedInStudent, signOut, type SignedInStudent } from './students.ts';

/** What the checks need of SvelteKit's request event. */
export interface AccessEvent {
	cookies: Cookies;
	request: Request;
	url: URL;
	getClientAddress(): string;
}

/**
 * The assignment whose dashboard this is: by its secret key in the URL, or, at
 * `/teach/<id>/lms`, for an instructor signed in by a launch from their LMS (LTI), by that
 * session's cookie.
 */
export async function requireDashboard(
	params: { id: string; key: string },
	clientAddress: string,
	cookies?: Cookies
): Promise<AssignmentRecord> {
	if (
		params.key === LMS_DASHBOARD_KEY &&
		cookies &&
		(await hasInstructorSession(ltiStore(), cookies, params.id, Date.now()))
	) {
		const assignment = await repository().findAssignment(params.id);
		if (assignment) return assignment;
	}
	const assignment = await openDashboard(repository(), params.id, params.key);
	if (!assignment) {
		await guessThrottle.failed([addressBucket(clientAddress), targetBucket(params.id)]);
		error(
			404,
			'This dashboard link is not valid: check that you copied all of it. If the assignment was deleted, its dashboard is gone too.'
		);
	}
	return assignment;
}

/** The assignment and the student this device is signed in as, or 404 / 401 with what to do. */
export async function requireStudent(
	assignmentId: string,
	event: AccessEvent
): Promise<{ assignment: AssignmentRecord; signedIn: SignedInStudent }> {
	const { cookies, request, url } = event;
	const assignment = await repository().findAssignment(assignmentId);
	if (!assignment) {
		await signOut(repository(), cookies, requestIsHttps(request, url), assignmentId);
		error(404, 'This assignment does not exist: your teacher may have deleted it.');
	}
	const signedIn = await signedInStudent(repository(), cookies, assignmentId);
	if (!signedIn) {
		// A cookie that names no session is a guess (or a signed-out copy): count it like one.
		if (hasSessionCookie(cookies, assignmentId)) {
			await guessThrottle.failed([addressBucket(event.getClientAddress()), targetBucket(assignmentId)]);
		}
		error(
			401,
			'You have not joined this assignment on this device. Join with the code from your teacher, or continue with your resume code.'
		);
	}
	return { assignment, signedIn };
}
