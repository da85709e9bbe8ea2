/**
 * Assignments: creating one, telling whether it takes answers, and the teacher's access to its
 * dashboard through the secret key.
 */
import type { AssignmentRecord, ClassroomRepository } from '$lib/server/db';
import type { AssignmentSettings } from './assignment-settings.ts';
import { hashesMatch, hmacSecret, newDashboardKey, newId, newJoinCode, secretMatches } from './codes.ts';

export type AssignmentState =
	| { open: true }
	| { open: false; reason: 'closed'; since: number }
	| { open: false; reason: 'past-due'; since: number };

export function assignmentState(assignment: AssignmentRecord, now: number): AssignmentState {
	if (assignment.closedAt !== null) return { open: false, reason: 'closed', since: assignment.closedAt };
	if (assignment.dueAt !== null && now >= assignment.dueAt)
		return { open: false, reason: 'past-due', since: assignment.dueAt };
	return { open: true };
}

/**
 * Whether every student sees every correct answer and explanation, answered or not, tries left
 * or not: after the due date, or once the teacher has released the answers.
 */
export function keysReleased(assignment: AssignmentRecord, now: number): boolean {
	return assignment.releasedAt !== null || (assignment.dueAt !== null && now >= assignment.dueAt);
}

/** Whether students may see right/wrong, the correct answers and the explanations. */
export function answersRevealed(assignment: AssignmentRecord, now: number): boolean {
	return assignment.reveal === 'immediate' || keysReleased(assignment, now);
}

export interface CreatedAssignment {
	assignment: AssignmentRecord;
	/** Shown to the teacher once, in the dashboard link; only its hash is stored. */
	dashboardKey: string;
}

const JOIN_CODE_ATTEMPTS = 20;

export async function createAssignment(
	repository: ClassroomRepository,
	settings: AssignmentSettings,
	now: number
): Promise<CreatedAssignment> {
	const dashboardKey = newDashboardKey();
	const dashboardKeyHash = hmacSecret(await repository.secretKey(), dashboardKey);
	const base = { ...settings, id: newId(), createdAt: now, dashboardKeyHash };
	// A clash is rare (8.9e8 codes); draw again rather than leak which codes exist.
	for (let attempt = 0; attempt < JOIN_CODE_ATTEMPTS; attempt++) {
		const joinCode = newJoinCode();
		if (await repository.createAssignment({ ...base, joinCode })) {
			return {
				assignment: { ...settings, id: base.id, createdAt: now, joinCode, closedAt: null, releasedAt: null },
				dashboardKey
			};
		}
	}
	throw new Error(`no free join code after ${JOIN_CODE_ATTEMPTS} draws: the code space is nearly full`);
}

/** The assignment when `key` is its dashboard key; `undefined` for an unknown id or a wrong key. */
export async function openDashboard(
	repository: ClassroomRepository,
	assignmentId: string,
	key: string
): Promise<AssignmentRecord | undefined> {
	const stored = await repository.dashboardKeyHash(assignmentId);
	if (!stored) return undefined;
	const hmac = hmacSecret(await repository.secretKey(), key);
	if (stored.scheme === 'hmac') {
		if (!hashesMatch(hmac, stored.hash)) return undefined;
	} else {
		if (!secretMatches(key, stored.hash)) return undefined;
		await repository.upgradeDashboardKeyHash(assignmentId, hmac);
	}
	return repository.findAssignment(assignmentId);
}
