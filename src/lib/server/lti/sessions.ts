/**
 * From a verified launch to a signed-in page, inside the LMS's frame or not.
 *
 * The launch stores a one-time ticket naming where it lands (a student's assignment, or an
 * instructor's dashboard), sets a probe cookie and redirects to /lti/landing/<ticket>. There, if
 * the probe came back the browser keeps this site's cookies in the frame: the ticket is used up,
 * the session cookie set, and the browser sent on. If it did not (Safari, and any browser that
 * blocks third-party cookies, inside an iframe), the landing page offers to open the same ticket
 * in a new window, where the site is first-party and its cookie sticks.
 *
 * Cookies are `SameSite=None; Secure` over HTTPS, the only kind a browser sends inside another
 * site's frame; over plain HTTP (a test server) they fall back to `Lax`.
 */
import { randomBytes } from 'node:crypto';
import type { Cookies } from '@sveltejs/kit';
import { hashSecret } from '$lib/server/classroom/codes';
import type { LandingTarget, LtiStore } from './store.ts';

export const LANDING_LIFETIME_MS = 5 * 60_000;
export const INSTRUCTOR_SESSION_MS = 8 * 60 * 60_000;
export const PROBE_COOKIE = 'bc_lti_probe';
/** The dashboard "key" of an instructor signed in through the LMS: never a real key (those are 43 characters). */
export const LMS_DASHBOARD_KEY = 'lms';

export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): Uint8Array {
	return hashSecret(token);
}

export function frameCookieOptions(https: boolean, path: string) {
	return { path, httpOnly: true, secure: https, sameSite: https ? 'none' : 'lax' } as const;
}

export function landingPath(ticket: string): string {
	return `/lti/landing/${ticket}`;
}

export function dashboardPath(assignmentId: string): string {
	return `/teach/${assignmentId}/${LMS_DASHBOARD_KEY}`;
}

/** Stores the ticket, sets the probe cookie, and answers with where to redirect. */
export async function startLanding(
	store: LtiStore,
	cookies: Cookies,
	https: boolean,
	target: LandingTarget,
	now: number
): Promise<string> {
	const ticket = newToken();
	await store.addLanding(tokenHash(ticket), target, now + LANDING_LIFETIME_MS);
	cookies.set(PROBE_COOKIE, '1', { ...frameCookieOptions(https, '/lti'), maxAge: LANDING_LIFETIME_MS / 1000 });
	return landingPath(ticket);
}

function instructorCookie(assignmentId: string): string {
	return `bc_lms_teacher_${assignmentId}`;
}

export async function signInInstructor(
	store: LtiStore,
	cookies: Cookies,
	https: boolean,
	target: Extract<LandingTarget, { kind: 'instructor' }>,
	now: number
): Promise<void> {
	const token = newToken();
	const { assignmentId, issuer, subject } = target;
	await store.addInstructorSession(tokenHash(token), {
		assignmentId,
		issuer,
		subject,
		expiresAt: now + INSTRUCTOR_SESSION_MS
	});
	cookies.set(instructorCookie(assignmentId), token, {
		...frameCookieOptions(https, `/teach/${assignmentId}`),
		maxAge: INSTRUCTOR_SESSION_MS / 1000
	});
}

/** Whether this browser holds an instructor session (from an LMS launch) for the assignment. */
export async function hasInstructorSession(
	store: LtiStore,
	cookies: Cookies,
	assignmentId: string,
	now: number
): Promise<boolean> {
	const token = cookies.get(instructorCookie(assignmentId));
	if (!token) return false;
	const session = await store.findInstructorSession(tokenHash(token), now);
	return session?.assignmentId === assignmentId;
}
