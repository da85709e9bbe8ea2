/**
 * What the due-sweep tests share: an after-due assignment on the fixture module, learners who
 * came from a simulated LMS (or joined with a code), their hand-ins, and the sweep's dependencies
 * on one set of real stores, with an outbox that queues but does not deliver.
 */
import { createHash } from 'node:crypto';
import type { AssignmentRecord, NewAssignment, Stores } from '$lib/server/db';
import type { AccessTokenClient } from '$lib/server/lti/ags/access-token';
import { createScoreOutbox } from '$lib/server/lti/ags/outbox';
import type { OutboxEntry } from '$lib/server/lti/ags/outbox-store';
import type { DueSweepDeps } from '$lib/server/lti/due-sweep';
import type { Gradebook } from '$lib/server/lti/grade-passback';
import type { Platform } from '$lib/server/lti/platforms';
import type { FakeClock } from './ags/harness';

export const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
export const T0 = Date.UTC(2026, 11, 3, 9, 0, 0, 0);
export const DUE = T0 + 60 * 60_000;
export const ISSUER = 'https://lms.example';
const LINE_ITEM = 'https://lms.example/lineitems/7';
export const platform = { issuer: ISSUER, clientId: 'tool-client', tokenUrl: 'https://lms.example/token' } as Platform;
/** Never asked: these tests look at what is queued, not at delivery (outbox.test.ts does). */
const noTokens: AccessTokenClient = {
	get: () => Promise.reject(new Error('no delivery in these tests')),
	invalidate: () => undefined
};

export function assignment(overrides: Partial<NewAssignment> = {}): NewAssignment {
	return {
		id: 'a1',
		joinCode: 'ABC234',
		dashboardKeyHash: new Uint8Array(32).fill(7),
		title: 'Year 11',
		moduleSlug: 'mini-module',
		lessons: ['the-call'],
		dueAt: DUE,
		passMark: 0.8,
		tries: 2,
		reveal: 'after-due',
		mode: 'practice',
		createdAt: T0,
		...overrides
	};
}

/** What the sweep runs on: one set of stores (one app process), its outbox not delivering. */
export function sweepDeps(stores: Stores, clock: FakeClock): DueSweepDeps {
	const gradebook: Gradebook = {
		classroom: stores.classroom,
		lti: stores.lti,
		platforms: { find: (issuer) => (issuer === ISSUER ? platform : undefined) },
		outbox: createScoreOutbox({ store: stores.outbox, tokens: noTokens, clock })
	};
	return { store: stores.dueSweeps, gradebook };
}

/** A learner of assignment `assignmentId`; from the LMS (as `lms-<id>`) unless `fromLms` is false. */
export async function addLearner(stores: Stores, assignmentId: string, id: string, fromLms = true): Promise<void> {
	await stores.classroom.addStudent({
		id,
		assignmentId,
		name: id,
		resumeCodeHash: createHash('sha256').update(id).digest(),
		createdAt: T0
	});
	if (!fromLms) return;
	await stores.lti.saveResourceLink({
		issuer: ISSUER,
		clientId: platform.clientId,
		deploymentId: 'deployment-1',
		resourceLinkId: `link-${assignmentId}`,
		assignmentId,
		contextId: null,
		lineItemUrl: `${LINE_ITEM}-${assignmentId}`,
		lineItemsUrl: null,
		agsScopes: [SCORE_SCOPE],
		updatedAt: T0
	});
	await stores.lti.linkStudent({
		issuer: ISSUER,
		subject: `lms-${id}`,
		assignmentId,
		studentId: id,
		clientId: platform.clientId,
		deploymentId: 'deployment-1',
		resourceLinkId: `link-${assignmentId}`,
		createdAt: T0
	});
}

/** A first try by `studentId` at one of the fixture lesson's two questions. */
async function firstTry(
	stores: Stores,
	studentId: string,
	at: number,
	answer: { questionId: string; choice: string; correct: boolean }
): Promise<void> {
	await stores.classroom.recordSubmission(
		{
			studentId,
			questionId: answer.questionId,
			lessonSlug: 'the-call',
			tryNumber: 1,
			response: { type: 'single', choice: answer.choice },
			score: answer.correct ? 1 : 0,
			correct: answer.correct,
			submittedAt: at
		},
		{ maxTries: 2, lockOnCorrect: false }
	);
}

/** A right first try at the fixture lesson's first question (one of two: the score is 0.5). */
export async function handIn(stores: Stores, studentId: string, at: number): Promise<void> {
	await firstTry(stores, studentId, at, { questionId: 'who-called', choice: 'ana', correct: true });
}

/** A wrong first try at the fixture lesson's second question. */
export async function wrongAnswer(stores: Stores, studentId: string, at: number): Promise<void> {
	await firstTry(stores, studentId, at, { questionId: 'call-order', choice: 'nonsense', correct: false });
}

/** What waits in the outbox, as the platform would receive it. */
export async function queued(stores: Stores): Promise<Array<OutboxEntry['score']>> {
	return (await stores.outbox.waiting()).map((entry) => entry.score);
}

export async function record(stores: Stores, id = 'a1'): Promise<AssignmentRecord> {
	const found = await stores.classroom.findAssignment(id);
	if (!found) throw new Error(`no assignment ${id}`);
	return found;
}
