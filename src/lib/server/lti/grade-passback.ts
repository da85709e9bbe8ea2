/**
 * Scores for the LMS gradebook (LTI Assignment and Grade Services): after a learner who came
 * from an LMS hands in an answer, and for every such learner when the teacher releases the
 * answers or the due date passes (due-sweep.ts), their assignment score goes into the durable
 * score outbox, which delivers it to the line item of the resource link they launched from.
 *
 * Learners who joined with a code have no LMS: nothing is sent for them. A link without a line
 * item, or whose platform did not grant the score scope, cannot take scores: that is logged
 * once per call and nothing is queued.
 */
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import { studentProgress } from '$lib/server/classroom/progress';
import { ltiStore, repository, type AssignmentRecord, type ClassroomRepository } from '$lib/server/db';
import { assignmentScore, scoreOutbox, type ScoreOutbox } from './ags/index.ts';
import { describeError, SCORE_SCOPE } from './ags/score.ts';
import { SCORE_MAXIMUM } from './deep-linking.ts';
import { platformRegistry, type PlatformRegistry } from './platforms.ts';
import type { LtiStore, LtiStudentLink } from './store.ts';

export interface Gradebook {
	classroom: Pick<ClassroomRepository, 'findAssignment' | 'listStudentSubmissions' | 'listStudents'>;
	lti: Pick<LtiStore, 'findStudentLinkOfStudent' | 'findResourceLink' | 'markScoreReported' | 'listUnreportedHandIns'>;
	platforms: Pick<PlatformRegistry, 'find'>;
	outbox: Pick<ScoreOutbox, 'enqueueScore'>;
}

export type PassbackResult =
	| 'queued'
	/** Joined with a code, not launched from an LMS. */
	| 'not-from-lms'
	| 'no-line-item'
	| 'no-score-scope'
	/** The platform the learner came from is no longer in the registrations file. */
	| 'platform-unregistered';

/**
 * Queues the learner's current assignment score for their LMS; `at` is when it changed. Then marks
 * the learner's hand-ins up to `at` reported, so a start finds only the scores a crash left
 * unqueued (`sendUnreportedScoresToLms`). The mark is a second write after the queued score: a
 * crash between the two queues the same score again at the next start, which is harmless.
 */
export async function sendScoreToLms(
	gradebook: Gradebook,
	assignment: AssignmentRecord,
	studentId: string,
	at: number,
	now: number
): Promise<PassbackResult> {
	const link = await gradebook.lti.findStudentLinkOfStudent(studentId);
	if (!link) return 'not-from-lms';
	const result = await queueScore(gradebook, assignment, link, at, now);
	await gradebook.lti.markScoreReported(studentId, at);
	return result;
}

async function queueScore(
	gradebook: Gradebook,
	assignment: AssignmentRecord,
	link: LtiStudentLink,
	at: number,
	now: number
): Promise<PassbackResult> {
	const resource = await gradebook.lti.findResourceLink(link.issuer, link.deploymentId, link.resourceLinkId);
	if (!resource?.lineItemUrl) return 'no-line-item';
	if (!resource.agsScopes.includes(SCORE_SCOPE)) return 'no-score-scope';
	const platform = gradebook.platforms.find(link.issuer, link.clientId);
	if (!platform) return 'platform-unregistered';
	const submissions = await gradebook.classroom.listStudentSubmissions(link.studentId);
	const progress = studentProgress(assignment, assignedLessons(assignment, link.studentId), submissions);
	await gradebook.outbox.enqueueScore({
		platform: { issuer: platform.issuer, clientId: platform.clientId, tokenUrl: platform.tokenUrl },
		lineItemUrl: resource.lineItemUrl,
		userId: link.subject,
		...assignmentScore({ assignment, progress, at, now, scoreMaximum: SCORE_MAXIMUM })
	});
	return 'queued';
}

/**
 * Sends each item's score, going on past one that throws so one bad record does not hold back the
 * others' scores; then throws (an AggregateError) if any did, so the caller can log and try again.
 */
async function sendEach<T>(items: readonly T[], send: (item: T) => Promise<PassbackResult>): Promise<PassbackResult[]> {
	const results: PassbackResult[] = [];
	const errors: unknown[] = [];
	for (const item of items) {
		try {
			results.push(await send(item));
		} catch (error) {
			errors.push(error);
		}
	}
	if (errors.length > 0)
		throw new AggregateError(
			errors,
			`${errors.length} of ${items.length} scores not queued, the first: ${describeError(errors[0])}`
		);
	return results;
}

/** Queues every LMS learner's score of the assignment (answers released: withheld numbers go out). */
export async function sendAssignmentScoresToLms(
	gradebook: Gradebook,
	assignment: AssignmentRecord,
	at: number,
	now: number
): Promise<PassbackResult[]> {
	const students = await gradebook.classroom.listStudents(assignment.id);
	return sendEach(students, (student) => sendScoreToLms(gradebook, assignment, student.id, at, now));
}

/**
 * Queues the score of every LMS learner whose newest hand-in was committed by a process that
 * stopped before it queued the score (see `sendScoreToLms`), stamped with that hand-in's time. Run
 * at start: without it such a score would wait for the learner's next hand-in.
 */
export async function sendUnreportedScoresToLms(gradebook: Gradebook, now: number): Promise<PassbackResult[]> {
	const assignments = new Map<string, Promise<AssignmentRecord | undefined>>();
	const assignmentOf = (id: string) => {
		if (!assignments.has(id)) assignments.set(id, gradebook.classroom.findAssignment(id));
		return assignments.get(id);
	};
	return sendEach(await gradebook.lti.listUnreportedHandIns(), async (handIn) => {
		const assignment = await assignmentOf(handIn.assignmentId);
		// Deleted since: its learners went with it.
		if (!assignment) return 'not-from-lms';
		return sendScoreToLms(gradebook, assignment, handIn.studentId, handIn.handedInAt, now);
	});
}

/**
 * The server's gradebook connection, or undefined when no platform is registered (the score
 * outbox runs only then: see hooks.server.ts).
 */
export function serverGradebook(): Gradebook | undefined {
	const platforms = platformRegistry();
	if (platforms.platforms.length === 0) return undefined;
	return { classroom: repository(), lti: ltiStore(), platforms, outbox: scoreOutbox() };
}

/**
 * After a change to a learner's score (a hand-in recorded): queue it for their LMS. The answer is
 * already committed, so a failure here is logged and does not undo the hand-in's acknowledgement.
 */
export async function reportScoreChange(assignment: AssignmentRecord, studentId: string, at: number): Promise<void> {
	const gradebook = serverGradebook();
	if (!gradebook) return;
	try {
		const result = await sendScoreToLms(gradebook, assignment, studentId, at, Date.now());
		if (result !== 'queued' && result !== 'not-from-lms') {
			console.warn(`LTI score for student ${studentId} of ${assignment.id} not sent: ${result}`);
		}
	} catch (error) {
		console.error(`LTI score for student ${studentId} of ${assignment.id} not queued:`, error);
	}
}

/** After the teacher releases the answers: every LMS learner's score, with its number now shown. */
export async function reportReleasedScores(assignment: AssignmentRecord, at: number): Promise<void> {
	const gradebook = serverGradebook();
	if (!gradebook) return;
	try {
		await sendAssignmentScoresToLms(gradebook, assignment, at, Date.now());
	} catch (error) {
		console.error(`LTI scores of ${assignment.id} not all queued after release:`, error);
	}
}
