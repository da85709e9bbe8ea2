/**
 * The score a classroom assignment reports to the LMS for one learner, after each hand-in and
 * when they finish: their assignment score (the mean question score, as on the dashboard), sent
 * as a number only once the learner may see it themselves (the LMS shows learners their grades).
 */
import { answersRevealed } from '$lib/server/classroom/assignments';
import type { StudentProgress } from '$lib/server/classroom/progress';
import type { AssignmentRecord } from '$lib/server/db';
import { progressScore, type ScoreFields } from './score.ts';

export interface AssignmentScoreInput {
	assignment: AssignmentRecord;
	/** `studentProgress(assignment, assignedLessons(assignment, studentId), submissions)`. */
	progress: Pick<StudentProgress, 'score'> & { questions: readonly { finished: boolean }[] };
	/** When the hand-in (or release) that changed the score was recorded: the score's timestamp. */
	at: number;
	/** Now, for whether the answers are revealed yet. */
	now: number;
	/** The line item's maximum (the deep-linking response's `scoreMaximum`); 100 by default. */
	scoreMaximum?: number;
}

export function assignmentScore(input: AssignmentScoreInput): ScoreFields {
	return progressScore({
		score: input.progress.score,
		finished: input.progress.questions.every((question) => question.finished),
		at: input.at,
		...(input.scoreMaximum !== undefined && { scoreMaximum: input.scoreMaximum }),
		withheld: !answersRevealed(input.assignment, input.now)
	});
}
