/**
 * The quiz's rules as pure functions of its context: what counts as an answer, how a try is
 * graded, what a question and a round score. The machine calls them in its guards and actions;
 * the UI calls the read-only ones to render the snapshot. No xstate import, so they run anywhere.
 *
 * Scoring, documented for learners: a question's score is the score of its last try (self-check
 * allows `tries` tries); showing the solution scores 0. The quiz's score is the mean of its
 * questions' scores, and the quiz is passed at the pass mark (`reachesPassMark`: in whole
 * percentages, as both are shown, the classroom's rule too).
 *
 * Mastery (issue 13) counts only what the learner knew before being shown the answer. A missed
 * question's right answer is shown (asked for, or in the feedback after the last wrong try), so a
 * right answer to it in the retry of missed questions that follows is recall of what was just
 * shown: it scores for the round, but counts as missed for mastery until the question is answered
 * right in a later round that starts afresh ("Start over") without its solution shown there.
 */
import { grade, type Grade, type Response } from './grade.ts';
import type { Question } from '../model/course.ts';
import { reachesPassMark, type PassMark } from '../pass-mark.ts';

export interface Try {
	response: Response;
	score: number;
	correct: boolean;
	parts?: Record<string, boolean>;
}

export interface Outcome {
	score: number;
	correct: boolean;
	/** Tries used (0 when the solution was shown before any try). */
	tries: number;
	hintShown: boolean;
	/** The learner asked for the solution. */
	revealed: boolean;
	/** The last answer given, when there was one. */
	response?: Response;
	parts?: Record<string, boolean>;
	/**
	 * The right answer had been shown in an earlier round of this quiz (since it last started
	 * afresh) before this outcome: it then counts as missed for mastery.
	 */
	answerShownBefore: boolean;
}

export interface Attempt {
	tries: Try[];
	hintShown: boolean;
}

export interface QuizContext {
	passMark: PassMark;
	tries: number;
	/** The module's actors, so that a map answer naming no actor is refused, not marked wrong. */
	actorIds?: string[];
	/** Every question of the quiz, as this learner sees them (see presentQuestion). */
	questions: Question[];
	/** Ids of the questions in this round: all of them, or the missed ones on a retry. */
	round: string[];
	roundKind: 'all' | 'missed';
	/** Index into `round` of the current question. */
	position: number;
	draft?: Response;
	/** Why the last submit was not graded, in words for the learner. */
	notice?: string;
	attempt: Attempt;
	/** Settled questions, by id; kept across rounds so results always cover the whole quiz. */
	outcomes: Record<string, Outcome>;
}

export interface QuizSummary {
	points: number;
	total: number;
	/** 0 to 1. */
	score: number;
	passed: boolean;
	missed: string[];
	/** 0 to 1: the score without the questions whose answer had been shown before (for mastery). */
	earnedScore: number;
	/** The earned score reaches the pass mark. */
	mastered: boolean;
	/** Answered right only after their answer had been shown: missed for mastery. */
	shownBefore: string[];
}

export const freshAttempt = (): Attempt => ({ tries: [], hintShown: false });

export function currentQuestion(context: QuizContext): Question | undefined {
	const id = context.round[context.position];
	return context.questions.find((question) => question.id === id);
}

export function isLastInRound(context: QuizContext): boolean {
	return context.position >= context.round.length - 1;
}

/** What the answer starts as: an ordering question's shown order is already an answer. */
export function initialDraft(question: Question | undefined): Response | undefined {
	return question?.type === 'ordering' ? { type: 'ordering', order: question.items.map((item) => item.id) } : undefined;
}

/** The hint, when the question has one. */
export function hintOf(question: Question | undefined): string | undefined {
	return question?.hintHtml;
}

export function missingAnswerMessage(question: Question): string {
	switch (question.type) {
		case 'multiple':
			return 'choose at least one option';
		case 'truefalse':
			return 'choose true or false';
		case 'map':
			return 'choose an actor';
		case 'matching':
			return 'choose a speaker for every quote';
		case 'classification':
			return 'classify every statement';
		default:
			return 'choose an answer';
	}
}

/** Grades the current draft; `undefined` when there is nothing to grade. */
export function gradeDraft(context: QuizContext): Grade | undefined {
	const question = currentQuestion(context);
	if (!question || !context.draft) return undefined;
	return grade(question, context.draft, context.actorIds);
}

/** The same answer, however it was put together (ticking order, key order). */
export function sameResponse(a: Response | undefined, b: Response | undefined): boolean {
	const canonical = (response: Response | undefined): string => {
		if (response === undefined) return '';
		switch (response.type) {
			case 'multiple':
				return JSON.stringify([response.type, [...response.choices].sort()]);
			case 'matching':
				return JSON.stringify([response.type, Object.entries(response.matches).sort()]);
			case 'classification':
				return JSON.stringify([response.type, Object.entries(response.kinds).sort()]);
			default:
				return JSON.stringify(response);
		}
	};
	return a !== undefined && b !== undefined && canonical(a) === canonical(b);
}

/** Submitting the answer that was just judged wrong again would spend a try for nothing. */
export function isDraftAlreadyTried(context: QuizContext): boolean {
	return sameResponse(context.draft, context.attempt.tries.at(-1)?.response);
}

export function triesLeft(context: QuizContext): number {
	return Math.max(0, context.tries - context.attempt.tries.length);
}

export function lastTry(context: QuizContext): Try | undefined {
	return context.attempt.tries.at(-1);
}

/** Whether the learner was shown this question's right answer when it settled so. */
export function answerShown(outcome: Outcome): boolean {
	return outcome.revealed || !outcome.correct || outcome.answerShownBefore;
}

export function settledOutcome(context: QuizContext, revealed = false): Outcome {
	const last = lastTry(context);
	const before = context.outcomes[context.round[context.position] ?? ''];
	return {
		score: revealed ? 0 : (last?.score ?? 0),
		correct: !revealed && (last?.correct ?? false),
		tries: context.attempt.tries.length,
		hintShown: context.attempt.hintShown,
		revealed,
		...(last ? { response: last.response } : {}),
		...(last?.parts ? { parts: last.parts } : {}),
		answerShownBefore: before !== undefined && answerShown(before)
	};
}

const thousandths = (share: number): number => Math.round(share * 1000) / 1000;

export function summarize(context: Pick<QuizContext, 'questions' | 'outcomes' | 'passMark'>): QuizSummary {
	const total = context.questions.length;
	const outcomes = context.questions.map((question) => ({ id: question.id, outcome: context.outcomes[question.id] }));
	const points = outcomes.reduce((sum, { outcome }) => sum + (outcome?.score ?? 0), 0);
	const earned = outcomes.reduce(
		(sum, { outcome }) => sum + (outcome?.answerShownBefore ? 0 : (outcome?.score ?? 0)),
		0
	);
	const score = total === 0 ? 0 : thousandths(points / total);
	const earnedScore = total === 0 ? 0 : thousandths(earned / total);
	return {
		points: Math.round(points * 100) / 100,
		total,
		score,
		passed: total > 0 && reachesPassMark(score, context.passMark),
		missed: outcomes.filter(({ outcome }) => !outcome?.correct).map(({ id }) => id),
		earnedScore,
		mastered: total > 0 && reachesPassMark(earnedScore, context.passMark),
		shownBefore: outcomes.filter(({ outcome }) => outcome?.correct && outcome.answerShownBefore).map(({ id }) => id)
	};
}
