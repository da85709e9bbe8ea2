/**
 * The quiz machine as a test model: which events a learner can send in each
 * state, and which differences between snapshots matter. Shared by the machine's model-based
 * tests and the quiz UI's.
 */
import type { SnapshotFrom } from 'xstate';
import type { Response } from '$lib/quiz/grade';
import { quizMachine, type QuizEvent, type QuizInput } from '$lib/quiz/quiz-machine';
import { currentQuestion, gradeDraft, isDraftAlreadyTried, summarize } from '$lib/quiz/quiz-rules';
import { single, truefalse } from '../../fixtures/quiz/questions';

export type QuizSnapshot = SnapshotFrom<typeof quizMachine>;

/** Two questions: one with a hint, one without; two tries each. */
export const modelInput: QuizInput = { questions: [single, truefalse], passMark: 0.8, tries: 2 };

/** A right and a wrong answer to each model question. */
export const answers: Record<string, { right: Response; wrong: Response }> = {
	[single.id]: { right: { type: 'single', choice: 'ana' }, wrong: { type: 'single', choice: 'boris' } },
	[truefalse.id]: { right: { type: 'truefalse', value: false }, wrong: { type: 'truefalse', value: true } }
};

export function selfCheckEvents(snapshot: QuizSnapshot): QuizEvent[] {
	const question = currentQuestion(snapshot.context);
	const pair = question ? answers[question.id] : undefined;
	return [
		{ type: 'quiz.start' },
		...(pair
			? [
					{ type: 'answer.change', response: pair.right } as const,
					{ type: 'answer.change', response: pair.wrong } as const
				]
			: []),
		{ type: 'answer.submit' },
		{ type: 'hint.show' },
		{ type: 'solution.show' },
		{ type: 'feedback.next' },
		{ type: 'quiz.retryMissed' },
		{ type: 'quiz.restart' }
	];
}

/**
 * What tells two snapshots apart for the model: the state, the round, where the learner is, how
 * many tries and hints, whether the draft would be right, and how many questions are missed.
 * (Which wrong answer, or the notice's wording, does not make a new state.)
 */
export function serializeQuizState(snapshot: QuizSnapshot): string {
	const { context } = snapshot;
	const draft =
		context.draft === undefined
			? 'none'
			: gradeDraft(context)?.status === 'graded'
				? String((gradeDraft(context) as { correct: boolean }).correct)
				: 'invalid';
	return JSON.stringify([
		snapshot.value,
		context.roundKind,
		context.position,
		context.attempt.tries.length,
		context.attempt.hintShown,
		draft,
		isDraftAlreadyTried(context),
		Boolean(context.notice),
		context.round.length === 0 ? 0 : summarize(context).missed.length
	]);
}
