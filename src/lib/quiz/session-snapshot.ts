/**
 * A quiz in progress, between the machine and storage. Stored without its questions (they come
 * from the lesson, which may have changed since): on the way back, the snapshot is fitted to the
 * lesson as it is now. A removed question drops out (the learner moves on to the next one), a new
 * one joins a full round, a question whose type changed starts over, and pass mark and tries come
 * from the lesson file. Nothing here throws on a stored snapshot that passed the record's schema.
 */
import type { Snapshot } from 'xstate';
import type { StoredSession } from './progress/progress-record.ts';
import { freshAttempt, initialDraft, type QuizContext, type QuizQuestion } from './quiz-rules.ts';

/** Bump when the machine's states or context change shape: older snapshots are then set aside. */
export const QUIZ_MACHINE_VERSION = 1;

export function toStoredSession(persisted: Snapshot<unknown>): StoredSession {
	// The quiz machine's persisted snapshot: xstate types it loosely, the machine fixes its shape.
	const snapshot = persisted as Snapshot<unknown> & { value: string; context: QuizContext };
	return { machine: QUIZ_MACHINE_VERSION, snapshot: { ...snapshot, context: { ...snapshot.context, questions: [] } } };
}

export interface Restored {
	snapshot: Snapshot<unknown>;
	/** What changed in the quiz since the snapshot, for the learner; undefined when nothing did. */
	changed?: string;
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;

export function restoreSession(
	stored: StoredSession,
	lesson: { questions: QuizQuestion[]; passMark: number; tries: number }
): Restored | undefined {
	if (stored.machine !== QUIZ_MACHINE_VERSION) return undefined;
	// Validated with the whole record when it was read (progress-schema.ts).
	const old = stored.snapshot.context;
	let value = String(stored.snapshot.value);

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
	if (old.round.length > 0 && removed.length === old.round.length) {
		// Nothing the learner answered is left: this is a new quiz.
		value = 'intro';
	} else if (value !== 'intro' && position >= round.length) {
		value = 'results';
		position = Math.max(0, round.length - 1);
	}

	const context: QuizContext = {
		...old,
		...questionState,
		questions: lesson.questions,
		passMark: lesson.passMark,
		tries: Math.max(1, lesson.tries),
		round: value === 'intro' ? [] : round,
		position: value === 'intro' ? 0 : position,
		outcomes
	};
	const changes = [
		removed.length > 0 ? `${plural(removed.length, 'question')} removed` : '',
		added.length > 0 ? `${plural(added.length, 'question')} added` : ''
	]
		.filter(Boolean)
		.join(' and ');
	return {
		// xstate's own fields are carried over untouched; only value and context are ours.
		snapshot: { ...stored.snapshot, value, context } as unknown as Snapshot<unknown>,
		...(changes
			? {
					changed: `This quiz has changed since you were last here (${changes}); your answers to the other questions are kept.`
				}
			: {})
	};
}
