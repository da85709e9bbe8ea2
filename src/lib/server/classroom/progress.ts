/**
 * A student's progress through an assignment, from their stored tries. One set of rules serves
 * the student's pages, the roster, the statistics and the CSV:
 *
 * - A question's score is the score of its last try (0 before any). Tries come in order and are
 *   locked once submitted.
 * - A question is finished when its tries are used up, or, when answers are revealed immediately,
 *   as soon as it is answered correctly. When answers are revealed only after the due date the
 *   student is not told whether a try was right, so a correct try does not end the question (that
 *   would give it away): the student may revise with the tries left.
 * - A lesson is completed when all its questions are finished.
 * - The assignment score is the mean question score over all assigned questions; the student
 *   passes at the pass mark (`reachesPassMark`: in whole percentages, as lessons do).
 */
import { reachesPassMark } from '$lib/pass-mark';
import type { AssignmentRecord, SubmissionRecord, SubmissionRules } from '$lib/server/db';
import type { AssignedLessons, AssignedQuestion } from './assigned-lessons.ts';

export function submissionRules(assignment: AssignmentRecord): SubmissionRules {
	return { maxTries: assignment.tries, lockOnCorrect: assignment.reveal === 'immediate' };
}

export interface QuestionProgress {
	assigned: AssignedQuestion;
	/** Oldest first. */
	tries: SubmissionRecord[];
	last: SubmissionRecord | undefined;
	finished: boolean;
	triesLeft: number;
	score: number;
}

export interface StudentProgress {
	questions: QuestionProgress[];
	answered: number;
	/** Mean question score over every assigned question, 0 to 1. */
	score: number;
	completedLessons: string[];
	passed: boolean;
}

export function questionProgress(
	assigned: AssignedQuestion,
	tries: SubmissionRecord[],
	rules: SubmissionRules
): QuestionProgress {
	const ordered = [...tries].sort((a, b) => a.tryNumber - b.tryNumber);
	const last = ordered.at(-1);
	const finished = ordered.length >= rules.maxTries || (rules.lockOnCorrect && ordered.some((entry) => entry.correct));
	return {
		assigned,
		tries: ordered,
		last,
		finished,
		triesLeft: finished ? 0 : rules.maxTries - ordered.length,
		score: last?.score ?? 0
	};
}

export function studentProgress(
	assignment: AssignmentRecord,
	assigned: AssignedLessons,
	submissions: readonly SubmissionRecord[]
): StudentProgress {
	const rules = submissionRules(assignment);
	const byQuestion = new Map<string, SubmissionRecord[]>();
	for (const submission of submissions) {
		byQuestion.set(submission.questionId, [...(byQuestion.get(submission.questionId) ?? []), submission]);
	}
	const questions = assigned.questions.map((entry) =>
		questionProgress(entry, byQuestion.get(entry.question.id) ?? [], rules)
	);
	const total = questions.length;
	const score = total === 0 ? 0 : questions.reduce((sum, entry) => sum + entry.score, 0) / total;
	const completedLessons = assigned.lessons
		.filter((lesson) =>
			questions.filter((entry) => entry.assigned.lesson.slug === lesson.slug).every((entry) => entry.finished)
		)
		.map((lesson) => lesson.slug);
	return {
		questions,
		answered: questions.filter((entry) => entry.last).length,
		score,
		completedLessons,
		passed: reachesPassMark(score, assignment.passMark)
	};
}
