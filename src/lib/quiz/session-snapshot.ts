/**
 * A quiz in progress, between the machine and storage. Stored as xstate's persisted snapshot
 * without its questions (they come from the lesson, which may have changed since). On the way
 * back it is checked against the machine (session-schema.ts), then fitted to the lesson as it is
 * now: a removed question drops out (the learner moves on to the next one), a new one joins a
 * full round, a question whose type changed starts over, and pass mark and tries come from the
 * lesson file. xstate then builds the snapshot to restore (`resolveState`), so nothing here
 * writes xstate's own fields by hand.
 */
import type { Actor, Snapshot } from 'xstate';
import type { Question } from '../model/course.ts';
import type { PassMark } from '../pass-mark.ts';
import { quizMachine } from './quiz-machine.ts';
import { freshAttempt, initialDraft, type QuizContext } from './quiz-rules.ts';
import { checkStoredSession, QUIZ_MACHINE_VERSION, type QuizState, type StoredContext } from './session-schema.ts';

export { QUIZ_MACHINE_VERSION };

/** What is kept of a running quiz: xstate's persisted snapshot, its context without the questions. */
export function toStoredSession(actor: Actor<typeof quizMachine>): object {
	const { questions: _fromTheLesson, ...context } = actor.getSnapshot().context;
	return { machine: QUIZ_MACHINE_VERSION, snapshot: { ...actor.getPersistedSnapshot(), context } };
}

export type Restored =
	| {
			ok: true;
			/** For `createActor(quizMachine, { snapshot })`. */
			snapshot: Snapshot<unknown>;
			/** What changed in the quiz since the snapshot, for the learner; undefined when nothing did. */
			changed?: string;
	  }
	| { ok: false; reason: string };

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

interface Lesson {
	questions: Question[];
	passMark: PassMark;
	tries: number;
}

/** Never throws: a session that cannot be restored comes back as `ok: false` with the reason. */
export function restoreSession(stored: unknown, lesson: Lesson): Restored {
	const checked = checkStoredSession(stored);
	if (!checked.ok) return checked;
	const { value, context, changed } = fitToLesson(checked.quiz.value, checked.quiz.context, lesson);
	try {
		const snapshot = quizMachine.getPersistedSnapshot(quizMachine.resolveState({ value, context }));
		return { ok: true, snapshot, ...(changed ? { changed } : {}) };
	} catch (error) {
		return { ok: false, reason: error instanceof Error ? error.message : 'xstate refused the snapshot' };
	}
}

function fitToLesson(
	storedValue: QuizState,
	old: StoredContext,
	lesson: Lesson
): { value: QuizState; context: QuizContext; changed?: string } {
	const fromLesson = { questions: lesson.questions, passMark: lesson.passMark, tries: Math.max(1, lesson.tries) };
	// Not started: nothing the learner did depends on which questions there are.
	if (storedValue === 'intro') return { value: storedValue, context: { ...old, ...fromLesson } };
	let value: QuizState = storedValue;
	const byId = new Map(lesson.questions.map((question) => [question.id, question]));
	const still = (id: string) => byId.has(id);
	const removed = old.round.filter((id) => !still(id));
	const round = old.roundKind === 'all' ? lesson.questions.map((question) => question.id) : old.round.filter(still);
	const added = old.roundKind === 'all' ? round.filter((id) => !old.round.includes(id)) : [];

	const outcomes = Object.fromEntries(
		Object.entries(old.outcomes).filter(
			([id, outcome]) => still(id) && (!outcome.response || outcome.response.type === byId.get(id)?.type)
		)
	);

	const currentId = old.round[old.position];
	const current = currentId === undefined ? undefined : byId.get(currentId);
	const answeredAs = old.draft?.type ?? old.attempt.tries[0]?.response.type;
	let position: number;
	let questionState: Pick<QuizContext, 'draft' | 'attempt'> = { draft: old.draft, attempt: old.attempt };
	if (current !== undefined) {
		position = round.indexOf(current.id);
		if (answeredAs !== undefined && answeredAs !== current.type) {
			// Same id, another kind of question: it is a new question, started afresh.
			questionState = { draft: initialDraft(current), attempt: freshAttempt() };
			if (value === 'feedback') value = 'answering';
		}
	} else {
		// The question the learner was on is gone: continue with the next one still there, else
		// with a question new to them, else the results.
		const next = old.round.slice(old.position + 1).find(still) ?? added[0];
		position = next === undefined ? round.length : round.indexOf(next);
		questionState = { draft: initialDraft(byId.get(round[position] ?? '')), attempt: freshAttempt() };
		if (value === 'feedback') value = 'answering';
	}
	if (value === 'feedback' && !outcomes[round[position] ?? '']) value = 'answering';
	if (old.round.length > 0 && removed.length === old.round.length) {
		// Nothing the learner answered is left: this is a new quiz.
		value = 'intro';
	} else if (position >= round.length) {
		value = 'results';
		position = Math.max(0, round.length - 1);
	}

	const context: QuizContext = {
		...old,
		...questionState,
		...fromLesson,
		round: value === 'intro' ? [] : round,
		position: value === 'intro' ? 0 : position,
		outcomes: value === 'intro' ? {} : outcomes
	};
	const changes = [
		removed.length > 0 ? `${plural(removed.length, 'question')} removed` : '',
		added.length > 0 ? `${plural(added.length, 'question')} added` : ''
	]
		.filter(Boolean)
		.join(' and ');
	return {
		value,
		context,
		...(changes
			? {
					changed: `This quiz has changed since you were last here (${changes}); your answers to the other questions are kept.`
				}
			: {})
	};
}
