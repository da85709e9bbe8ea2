/**
 * Handing in one try at one question: checked against the assignment, graded on the server with
 * the quiz's graders, and committed before the student is told it was received.
 *
 * Idempotent: a try is keyed by student, question and try number. Sending the same try again
 * (a double click, a retried request) returns what the first one stored; sending a different
 * answer under a try number already used is refused, since answers are locked once submitted.
 */
import { grade, type Response } from '$lib/quiz/grade';
import type { AssignmentRecord, ClassroomRepository, StudentRecord, SubmissionRecord } from '$lib/server/db';
import { actorIds, assignedLessons, type AssignedLessons } from './assigned-lessons.ts';
import { assignmentState } from './assignments.ts';
import { submissionRules } from './progress.ts';

export interface AnswerRequest {
	assignment: AssignmentRecord;
	student: StudentRecord;
	questionId: string;
	tryNumber: number;
	response: Response;
	now: number;
	/** This student's `assignedLessons`, when the caller has already worked them out for this request. */
	assigned?: AssignedLessons;
}

export type AnswerOutcome =
	| { ok: true; status: 'recorded' | 'duplicate'; submission: SubmissionRecord }
	| { ok: false; status: 400 | 403 | 404 | 409; message: string };

export async function submitAnswer(repository: ClassroomRepository, request: AnswerRequest): Promise<AnswerOutcome> {
	const { assignment, student, now } = request;
	if (student.assignmentId !== assignment.id) {
		return { ok: false, status: 403, message: 'You have not joined this assignment.' };
	}
	const state = assignmentState(assignment, now);
	if (!state.open) {
		return {
			ok: false,
			status: 403,
			message:
				state.reason === 'closed'
					? 'This assignment is closed, so answers are not being accepted. Your earlier answers are kept.'
					: 'This assignment is past its due date, so answers are not being accepted. Your earlier answers are kept.'
		};
	}
	const assigned = request.assigned ?? assignedLessons(assignment, student.id);
	const entry = assigned.questions.find((candidate) => candidate.question.id === request.questionId);
	if (!entry) return { ok: false, status: 404, message: `This assignment has no question "${request.questionId}".` };

	const graded = grade(entry.question, request.response, actorIds(assigned.module));
	if (graded.status === 'invalid') return { ok: false, status: 400, message: `Your answer: ${graded.message}.` };

	const outcome = await repository.recordSubmission(
		{
			studentId: student.id,
			questionId: entry.question.id,
			lessonSlug: entry.lesson.slug,
			tryNumber: request.tryNumber,
			response: request.response,
			score: graded.score,
			correct: graded.correct,
			submittedAt: now
		},
		submissionRules(assignment)
	);
	switch (outcome.status) {
		case 'recorded':
		case 'duplicate':
			return { ok: true, status: outcome.status, submission: outcome.submission };
		case 'conflict':
			return {
				ok: false,
				status: 409,
				message: `Try ${request.tryNumber} at this question was already handed in with a different answer, and answers are locked once handed in.`
			};
		case 'out-of-order':
			return {
				ok: false,
				status: 409,
				message: `This page is out of date: your next try at this question is try ${outcome.expectedTry}. Reload the page to see your latest answers.`
			};
		case 'finished':
			return { ok: false, status: 409, message: 'You have no tries left at this question.' };
	}
}
