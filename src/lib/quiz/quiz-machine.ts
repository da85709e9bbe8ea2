/**
 * The quiz: intro → answering → feedback → … → results, with retries of missed questions.
 *
 * Self-check only: each try is graded here with the pure graders (quiz-rules.ts), a question
 * allows `tries` tries with a hint after a wrong one, and can show the solution. (The classroom's
 * assessed work is graded on the server through its own forms, never by this machine.)
 *
 * No DOM, no storage, no `invoke`/`after`: the UI persists `getPersistedSnapshot()` and listens
 * to the emitted `question.settled` and `round.finished` events to keep the learner's history,
 * and model-based tests walk every path (tests/lib/quiz/quiz-machine.test.ts).
 *
 * A submit that cannot count (nothing chosen, an invalid answer, the answer just judged wrong
 * again) changes nothing but the notice: a try is never counted
 * twice.
 */
import { assertEvent, assign, emit, setup } from 'xstate';
import type { Question } from '../model/course.ts';
import type { PassMark } from '../pass-mark.ts';
import type { Response } from './grade.ts';
import {
	currentQuestion,
	freshAttempt,
	gradeDraft,
	hintOf,
	initialDraft,
	isDraftAlreadyTried,
	isLastInRound,
	missingAnswerMessage,
	settledOutcome,
	summarize,
	type Outcome,
	type QuizContext,
	type QuizSummary
} from './quiz-rules.ts';

export interface QuizInput {
	/** In the order and with the option order this learner sees (presentQuestion). */
	questions: Question[];
	passMark: PassMark;
	tries: number;
	actorIds?: string[];
}

export type QuizEvent =
	| { type: 'quiz.start' }
	| { type: 'answer.change'; response: Response }
	| { type: 'answer.submit' }
	| { type: 'hint.show' }
	| { type: 'solution.show' }
	| { type: 'feedback.next' }
	| { type: 'quiz.retryMissed' }
	| { type: 'quiz.restart' };

export type QuizEmitted =
	| { type: 'question.settled'; questionId: string; outcome: Outcome }
	| { type: 'round.finished'; roundKind: QuizContext['roundKind']; summary: QuizSummary };

function startRound(context: QuizContext, ids: string[], roundKind: QuizContext['roundKind']): Partial<QuizContext> {
	const first = context.questions.find((question) => question.id === ids[0]);
	return {
		round: ids,
		roundKind,
		position: 0,
		draft: initialDraft(first),
		notice: undefined,
		attempt: freshAttempt()
	};
}

export const quizMachine = setup({
	types: {
		context: {} as QuizContext,
		events: {} as QuizEvent,
		input: {} as QuizInput,
		emitted: {} as QuizEmitted
	},
	guards: {
		isDraftAlreadyTried: ({ context }) => isDraftAlreadyTried(context),
		isDraftMissing: ({ context }) => context.draft === undefined,
		isAnswerInvalid: ({ context }) => gradeDraft(context)?.status === 'invalid',
		isAnswerCorrect: ({ context }) => {
			const result = gradeDraft(context);
			return result?.status === 'graded' && result.correct;
		},
		hasTriesLeftAfterThisTry: ({ context }) => context.attempt.tries.length + 1 < context.tries,
		fitsCurrentQuestion: ({ context, event }) => {
			assertEvent(event, 'answer.change');
			return currentQuestion(context)?.type === event.response.type;
		},
		canShowHint: ({ context }) =>
			context.attempt.tries.length > 0 && !context.attempt.hintShown && hintOf(currentQuestion(context)) !== undefined,
		canShowSolution: ({ context }) => currentQuestion(context) !== undefined,
		isLastInRound: ({ context }) => isLastInRound(context),
		hasMissed: ({ context }) => summarize(context).missed.length > 0
	},
	actions: {
		startFullRound: assign(({ context }) => ({
			...startRound(
				context,
				context.questions.map((question) => question.id),
				'all'
			),
			outcomes: {}
		})),
		startMissedRound: assign(({ context }) => startRound(context, summarize(context).missed, 'missed')),
		nextQuestion: assign(({ context }) => {
			const position = context.position + 1;
			const next = context.questions.find((question) => question.id === context.round[position]);
			return { position, draft: initialDraft(next), notice: undefined, attempt: freshAttempt() };
		}),
		setDraft: assign(({ event }) => {
			assertEvent(event, 'answer.change');
			return { draft: event.response, notice: undefined };
		}),
		noteUnchanged: assign({ notice: 'change your answer before trying again' }),
		noteMissing: assign(({ context }) => {
			const question = currentQuestion(context);
			return { notice: question ? missingAnswerMessage(question) : 'choose an answer' };
		}),
		noteInvalid: assign(({ context }) => {
			const result = gradeDraft(context);
			return { notice: result?.status === 'invalid' ? result.message : undefined };
		}),
		clearNotice: assign({ notice: undefined }),
		recordTry: assign(({ context }) => {
			const result = gradeDraft(context);
			if (result?.status !== 'graded' || !context.draft) return {};
			const entry = {
				response: context.draft,
				score: result.score,
				correct: result.correct,
				...(result.parts ? { parts: result.parts } : {})
			};
			return { attempt: { ...context.attempt, tries: [...context.attempt.tries, entry] } };
		}),
		showHint: assign(({ context }) => ({ attempt: { ...context.attempt, hintShown: true } })),
		settle: assign(({ context }) => {
			const id = context.round[context.position];
			return id === undefined ? {} : { outcomes: { ...context.outcomes, [id]: settledOutcome(context) } };
		}),
		revealSolution: assign(({ context }) => {
			const id = context.round[context.position];
			return id === undefined ? {} : { outcomes: { ...context.outcomes, [id]: settledOutcome(context, true) } };
		}),
		emitSettled: emit(({ context }) => {
			const questionId = context.round[context.position] ?? '';
			return {
				type: 'question.settled' as const,
				questionId,
				outcome: context.outcomes[questionId] ?? settledOutcome(context)
			};
		}),
		emitRoundFinished: emit(({ context }) => ({
			type: 'round.finished' as const,
			roundKind: context.roundKind,
			summary: summarize(context)
		}))
	}
}).createMachine({
	id: 'quiz',
	context: ({ input }) => ({
		passMark: input.passMark,
		tries: Math.max(1, input.tries),
		...(input.actorIds ? { actorIds: input.actorIds } : {}),
		questions: input.questions,
		round: [],
		roundKind: 'all',
		position: 0,
		attempt: freshAttempt(),
		outcomes: {}
	}),
	initial: 'intro',
	states: {
		intro: {
			on: { 'quiz.start': { target: 'answering', actions: 'startFullRound' } }
		},
		answering: {
			on: {
				'answer.change': { guard: 'fitsCurrentQuestion', actions: 'setDraft' },
				'hint.show': { guard: 'canShowHint', actions: 'showHint' },
				'solution.show': { guard: 'canShowSolution', target: 'feedback', actions: ['revealSolution', 'emitSettled'] },
				'answer.submit': [
					{ guard: 'isDraftAlreadyTried', actions: 'noteUnchanged' },
					{ guard: 'isDraftMissing', actions: 'noteMissing' },
					{ guard: 'isAnswerInvalid', actions: 'noteInvalid' },
					{
						guard: 'isAnswerCorrect',
						target: 'feedback',
						actions: ['recordTry', 'settle', 'emitSettled', 'clearNotice']
					},
					{ guard: 'hasTriesLeftAfterThisTry', actions: ['recordTry', 'clearNotice'] },
					{ target: 'feedback', actions: ['recordTry', 'settle', 'emitSettled', 'clearNotice'] }
				],
				'quiz.restart': { target: 'answering', reenter: true, actions: 'startFullRound' }
			}
		},
		feedback: {
			on: {
				'feedback.next': [
					{ guard: 'isLastInRound', target: 'results', actions: 'emitRoundFinished' },
					{ target: 'answering', actions: 'nextQuestion' }
				],
				'quiz.restart': { target: 'answering', actions: 'startFullRound' }
			}
		},
		results: {
			on: {
				'quiz.retryMissed': { guard: 'hasMissed', target: 'answering', actions: 'startMissedRound' },
				'quiz.restart': { target: 'answering', actions: 'startFullRound' }
			}
		}
	}
});
