/**
 * Students: joining with a code and a display name, continuing with a resume code, and the
 * cookie that keeps a student signed in to one assignment on one device.
 *
 * The resume code is the one credential a student has, which they can carry to another device by
 * hand; each device it signs in gets its own session (HTTP-only cookie, scoped to the
 * assignment's pages) that signing out retires.
 */
import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { AssignmentRecord, ClassroomRepository, StudentRecord } from '$lib/server/db';
import { assignmentState } from './assignments.ts';
import { cleanDisplayName } from './display-name.ts';
import {
	hmacSecret,
	newId,
	newResumeCode,
	newSessionToken,
	normalizeJoinCode,
	normalizeResumeCode,
	secretHashes
} from './codes.ts';

export const MAX_NAME_LENGTH = 60;

export const displayNameSchema = z
	.string()
	.overwrite(cleanDisplayName)
	.trim()
	.min(1, { error: 'Name: enter the name your teacher will see.' })
	.max(MAX_NAME_LENGTH, { error: `Name: keep it under ${MAX_NAME_LENGTH} characters.` })
	// Control characters would corrupt the roster and the CSV; markup is fine, it is shown as text.
	.regex(/^[^\p{Cc}]*$/u, { error: 'Name: use letters, digits and punctuation only.' });

export const CLOSED_MESSAGE = 'Join code: this assignment is closed.';

export type JoinableCheck =
	| { ok: true; assignment: AssignmentRecord }
	| {
			ok: false;
			/** Every refusal counts as a failed guess, closed and past-due codes included. */
			reason: 'malformed' | 'unknown' | 'closed' | 'past-due';
			message: string;
	  };

export async function findJoinable(
	repository: ClassroomRepository,
	input: string,
	now: number
): Promise<JoinableCheck> {
	const code = normalizeJoinCode(input);
	if (!code) {
		return {
			ok: false,
			reason: 'malformed',
			message:
				'Join code: a code has 6 letters and digits (never 0, 1, I, L or O). Check the code your teacher gave you.'
		};
	}
	const assignment = await repository.findAssignmentByJoinCode(code);
	if (!assignment) {
		return {
			ok: false,
			reason: 'unknown',
			message: `Join code: no assignment has the code ${code}. Check it with your teacher.`
		};
	}
	const state = assignmentState(assignment, now);
	if (state.open) return { ok: true, assignment };
	// Said the same way for both, naming nothing: the code may be a guess that hit an old assignment.
	return { ok: false, reason: state.reason, message: CLOSED_MESSAGE };
}

export interface JoinedStudent {
	student: StudentRecord;
	resumeCode: string;
}

export async function joinAssignment(
	repository: ClassroomRepository,
	assignment: AssignmentRecord,
	name: string,
	now: number
): Promise<JoinedStudent> {
	const resumeCode = newResumeCode();
	const student = { id: newId(), assignmentId: assignment.id, name, createdAt: now };
	await repository.addStudent({ ...student, resumeCodeHash: hmacSecret(await repository.secretKey(), resumeCode) });
	return { student: { ...student, lastActiveAt: now }, resumeCode };
}

export async function findStudentByResumeCode(
	repository: ClassroomRepository,
	input: string
): Promise<SignedInStudent | undefined> {
	const resumeCode = normalizeResumeCode(input);
	if (!resumeCode) return undefined;
	const student = await repository.findStudentByResumeCodeHash(secretHashes(await repository.secretKey(), resumeCode));
	return student && { student, resumeCode };
}

function cookieName(assignmentId: string): string {
	return `bc_student_${assignmentId}`;
}

export function cookiePath(assignmentId: string): string {
	return `/class/${assignmentId}`;
}

const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

/**
 * Set and deleted with the same attributes: a browser ignores a deletion whose `Secure` differs
 * from the cookie it holds, and SvelteKit's default is `secure: true` on any host but localhost.
 * A school may serve the app over plain HTTP on its network, where a secure-only cookie would be
 * dropped, so `Secure` follows the request's scheme.
 */
function cookieOptions(https: boolean, assignmentId: string, crossSite = false) {
	// A student launched from an LMS works inside its page (a frame of another site), where the
	// browser only sends `SameSite=None` cookies, and those only with `Secure`: over HTTPS only.
	const sameSite = crossSite && https ? 'none' : 'lax';
	return { path: cookiePath(assignmentId), httpOnly: true, sameSite, secure: https } as const;
}

/**
 * Stands in the cookie for the resume code of a student who signed in through an LMS (LTI): the
 * code was never shown to them and only its hash is stored; they come back through the LMS. It
 * cannot be a real code (L is not in the code alphabet).
 */
export const LMS_SIGN_IN = 'LMS';

/**
 * The cookie names a server-side session (`<token>.<resume code>`): signing out deletes the
 * session, so a copy of the cookie replayed later signs no one in. The resume code rides along
 * only to be shown to its student.
 */
export async function signIn(
	repository: ClassroomRepository,
	cookies: Cookies,
	https: boolean,
	signedIn: SignedInStudent,
	now: number,
	options: { crossSite?: boolean } = {}
): Promise<void> {
	const token = newSessionToken();
	await repository.addSession(hmacSecret(await repository.secretKey(), token), signedIn.student.id, now);
	cookies.set(cookieName(signedIn.student.assignmentId), `${token}.${signedIn.resumeCode}`, {
		...cookieOptions(https, signedIn.student.assignmentId, options.crossSite),
		maxAge: COOKIE_MAX_AGE
	});
}

function readCookie(cookies: Cookies, assignmentId: string): { token: string; resumeCode: string } | undefined {
	const [token, resumeCode, ...rest] = (cookies.get(cookieName(assignmentId)) ?? '').split('.');
	if (!token || !resumeCode || rest.length > 0) return undefined;
	return { token, resumeCode };
}

/** Retires this device's session on the server, then deletes its cookie. */
export async function signOut(
	repository: ClassroomRepository,
	cookies: Cookies,
	https: boolean,
	assignmentId: string
): Promise<void> {
	const cookie = readCookie(cookies, assignmentId);
	if (cookie) await repository.deleteSession(hmacSecret(await repository.secretKey(), cookie.token));
	cookies.delete(cookieName(assignmentId), cookieOptions(https, assignmentId));
}

/** Whether this request carries a session cookie for the assignment (signed in or not). */
export function hasSessionCookie(cookies: Cookies, assignmentId: string): boolean {
	return cookies.get(cookieName(assignmentId)) !== undefined;
}

export interface SignedInStudent {
	student: StudentRecord;
	resumeCode: string;
}

/** The student this device is signed in as for the assignment, if any. */
export async function signedInStudent(
	repository: ClassroomRepository,
	cookies: Cookies,
	assignmentId: string
): Promise<SignedInStudent | undefined> {
	const cookie = readCookie(cookies, assignmentId);
	if (!cookie) return undefined;
	const student = await repository.findSessionStudent(hmacSecret(await repository.secretKey(), cookie.token));
	if (student?.assignmentId !== assignmentId) return undefined;
	return { student, resumeCode: cookie.resumeCode };
}
