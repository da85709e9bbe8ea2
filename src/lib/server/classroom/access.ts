/**
 * Access checks shared by the classroom routes, answering with SvelteKit errors: the teacher's
 * key for a dashboard, the student's sign-in for their pages. Wrong keys are counted by the
 * guess limiter; a blocked address gets 429 whatever it presents.
 */
import { error, type Cookies } from '@sveltejs/kit';
import type { AssignmentRecord } from '$lib/server/db';
import { repository } from '$lib/server/db';
import { openDashboard } from './assignments.ts';
import { guessLimiter, type RateLimitVerdict } from './rate-limit.ts';
import { signedInStudent, signOut, type SignedInStudent } from './students.ts';

export function tooManyGuessesMessage(verdict: Extract<RateLimitVerdict, { allowed: false }>): string {
	const minutes = Math.ceil(verdict.retryAfterSeconds / 60);
	return `Too many wrong codes from your network. Wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`;
}

/** Refuses a blocked address with 429 before it may check another code or key. */
export function assertNotBlocked(clientAddress: string): void {
	const verdict = guessLimiter.check(clientAddress);
	if (!verdict.allowed) error(429, tooManyGuessesMessage(verdict));
}

export async function requireDashboard(
	params: { id: string; key: string },
	clientAddress: string
): Promise<AssignmentRecord> {
	assertNotBlocked(clientAddress);
	const assignment = await openDashboard(repository(), params.id, params.key);
	if (!assignment) {
		guessLimiter.recordFailure(clientAddress);
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
	cookies: Cookies
): Promise<{ assignment: AssignmentRecord; signedIn: SignedInStudent }> {
	const assignment = await repository().findAssignment(assignmentId);
	if (!assignment) {
		signOut(cookies, assignmentId);
		error(404, 'This assignment does not exist: your teacher may have deleted it.');
	}
	const signedIn = await signedInStudent(repository(), cookies, assignmentId);
	if (!signedIn) {
		error(
			401,
			'You have not joined this assignment on this device. Join with the code from your teacher, or continue with your resume code.'
		);
	}
	return { assignment, signedIn };
}
