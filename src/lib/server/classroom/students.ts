/**
 * Students: joining with a code and a display name, continuing with a resume code, and the
 * cookie that keeps a student signed in to one assignment on one device.
 *
 * The cookie holds the resume code itself (HTTP-only, scoped to the assignment's pages): the one
 * credential a student has, which they can carry to another device by hand.
 */
import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';
import type { AssignmentRecord, ClassroomRepository, StudentRecord } from '$lib/server/db';
import { formatTimestamp } from '$lib/classroom/format';
import { assignmentState } from './assignments.ts';
import { hashSecret, newId, newResumeCode, normalizeJoinCode, normalizeResumeCode } from './codes.ts';

export const MAX_NAME_LENGTH = 60;

export const displayNameSchema = z
	.string()
	.trim()
	.min(1, { error: 'Name: enter the name your teacher will see.' })
	.max(MAX_NAME_LENGTH, { error: `Name: keep it under ${MAX_NAME_LENGTH} characters.` })
	// Control characters would corrupt the roster and the CSV; markup is fine, it is shown as text.
	.regex(/^[^\p{Cc}]*$/u, { error: 'Name: use letters, digits and punctuation only.' });

export type JoinableCheck =
	| { ok: true; assignment: AssignmentRecord }
	| {
			ok: false;
			/** `malformed` and `unknown` are guesses, counted by the rate limiter; the rest are real codes. */
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
	return state.reason === 'closed'
		? {
				ok: false,
				reason: 'closed',
				message: `Join code: “${assignment.title}” is closed. Your teacher can reopen it.`
			}
		: {
				ok: false,
				reason: 'past-due',
				message: `Join code: “${assignment.title}” was due on ${formatTimestamp(state.since)} and no longer takes answers. Ask your teacher if you need more time.`
			};
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
	await repository.addStudent({ ...student, resumeCodeHash: hashSecret(resumeCode) });
	return { student: { ...student, lastActiveAt: now }, resumeCode };
}

export async function findStudentByResumeCode(
	repository: ClassroomRepository,
	input: string
): Promise<SignedInStudent | undefined> {
	const resumeCode = normalizeResumeCode(input);
	if (!resumeCode) return undefined;
	const student = await repository.findStudentByResumeCodeHash(hashSecret(resumeCode));
	return student && { student, resumeCode };
}

function cookieName(assignmentId: string): string {
	return `bc_student_${assignmentId}`;
}

export function cookiePath(assignmentId: string): string {
	return `/class/${assignmentId}`;
}

const COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function signIn(cookies: Cookies, https: boolean, assignmentId: string, resumeCode: string): void {
	cookies.set(cookieName(assignmentId), resumeCode, {
		path: cookiePath(assignmentId),
		httpOnly: true,
		sameSite: 'lax',
		// A school may serve the app over plain HTTP on its network: a secure-only cookie would be dropped.
		secure: https,
		maxAge: COOKIE_MAX_AGE
	});
}

export function signOut(cookies: Cookies, assignmentId: string): void {
	cookies.delete(cookieName(assignmentId), { path: cookiePath(assignmentId) });
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
	const found = await findStudentByResumeCode(repository, cookies.get(cookieName(assignmentId)) ?? '');
	return found?.student.assignmentId === assignmentId ? found : undefined;
}
