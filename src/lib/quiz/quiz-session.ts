/**
 * A running quiz with its effects: the machine's actor, restored from and saved to the learner's
 * progress record, and the history kept up to date from the events the machine emits. This is
 * the one place where the pure machine meets storage; the UI creates a session, sends events and
 * renders `getSnapshot()`. Runs in Node too (the tests give it a memory store).
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { Question } from '../model/course.ts';
import type { PassMark } from '../pass-mark.ts';
import { pruneReview, recordRound, recordSettled, withSession } from './progress/progress-record.ts';
import type { ProgressStore } from './progress/progress-store.ts';
import { quizMachine, type QuizEvent, type QuizInput } from './quiz-machine.ts';
import { restoreSession, toStoredSession } from './session-snapshot.ts';
import { announceSettled } from './settled-announcement.ts';
import { presentQuestion } from './shuffle.ts';

export type QuizSnapshot = SnapshotFrom<typeof quizMachine>;

export interface QuizSessionOptions {
	store: ProgressStore;
	/** Where in the record this quiz is kept: the lesson's slug, or `review`. */
	sessionKey: string;
	during: 'lesson' | 'review';
	questions: Question[];
	/** The lesson a question belongs to (the review mixes lessons). */
	lessonOf: (questionId: string) => string;
	passMark: PassMark;
	tries: number;
	actorIds?: string[];
	/** Start afresh even if a quiz is in progress (a new review). */
	fresh?: boolean;
	now?: () => Date;
}

/** Said when a stored quiz cannot be resumed, whatever the reason (an update, a damaged save). */
export function quizResetMessage(reason: string): string {
	return `Your quiz in progress here could not be resumed (${reason}), so it starts again. Your scores, your review queue and your other quizzes are kept, and a copy of the old quiz is kept in this browser.`;
}

export class QuizSession {
	readonly actor: Actor<typeof quizMachine>;
	private lastSaved: string | undefined;
	/** The question on screen and since when, for the latency the announcement reports. */
	private shown: { questionId: string | undefined; at: number };

	private constructor(
		private readonly options: QuizSessionOptions,
		actor: Actor<typeof quizMachine>
	) {
		this.actor = actor;
		const now = options.now ?? (() => new Date());
		const { store, sessionKey, during, lessonOf } = options;
		this.shown = { questionId: undefined, at: now().getTime() };
		actor.on('question.settled', ({ questionId, outcome }) => {
			store.update((record) =>
				recordSettled(record, { questionId, lesson: lessonOf(questionId), outcome, during }, now())
			);
			announceSettled({
				questionId,
				lesson: lessonOf(questionId),
				during,
				score: outcome.score,
				correct: outcome.correct,
				...(outcome.response ? { response: outcome.response } : {}),
				latencyMs: Math.max(0, now().getTime() - this.shown.at)
			});
		});
		actor.on('round.finished', ({ summary, roundKind }) => {
			if (during === 'lesson') store.update((record) => recordRound(record, sessionKey, summary, roundKind, now()));
		});
		actor.subscribe((snapshot) => {
			const onScreen = snapshot.context.round[snapshot.context.position];
			if (onScreen !== this.shown.questionId) this.shown = { questionId: onScreen, at: now().getTime() };
			this.save(now);
		});
	}

	static open(options: QuizSessionOptions): QuizSession {
		const { store, sessionKey } = options;
		// A lesson's questions are all here: queued questions it no longer has leave the review.
		const record =
			options.during === 'lesson'
				? store.update((current) =>
						pruneReview(
							current,
							[sessionKey],
							new Set(options.questions.map((question) => question.id)),
							(options.now ?? (() => new Date()))()
						)
					)
				: store.read();
		const questions = options.questions.map((question) => presentQuestion(question, record.seed));
		const input: QuizInput = {
			questions,
			passMark: options.passMark,
			tries: options.tries,
			...(options.actorIds ? { actorIds: options.actorIds } : {})
		};
		const stored = options.fresh ? undefined : record.sessions[sessionKey];
		const actor =
			(stored !== undefined && QuizSession.resume(options, stored, input)) || createActor(quizMachine, { input });
		const session = new QuizSession(options, actor);
		actor.start();
		return session;
	}

	/**
	 * The stored quiz, checked and fitted to the lesson as it is now. If it cannot be resumed for
	 * any reason, the record is copied aside, this quiz alone is dropped from it (the other
	 * lessons' quizzes stay), the learner is told, and the quiz starts fresh.
	 */
	private static resume(
		options: QuizSessionOptions,
		stored: unknown,
		input: QuizInput
	): Actor<typeof quizMachine> | undefined {
		const { store, sessionKey } = options;
		const restored = restoreSession(stored, input);
		if (restored.ok) {
			const actor = createActor(quizMachine, { snapshot: restored.snapshot, input });
			// xstate reports a snapshot it cannot restore as an `error` status, not as an exception.
			if (actor.getSnapshot().status === 'active') {
				if (restored.changed) store.notify({ kind: 'quizChanged', message: restored.changed });
				return actor;
			}
		}
		const reason = restored.ok ? 'xstate could not restore it' : restored.reason;
		store.keepAside();
		store.update((record) => withSession(record, sessionKey, undefined, (options.now ?? (() => new Date()))()));
		store.notify({ kind: 'quizChanged', message: quizResetMessage(reason) });
		return undefined;
	}

	getSnapshot(): QuizSnapshot {
		return this.actor.getSnapshot();
	}

	send(event: QuizEvent): void {
		this.actor.send(event);
	}

	subscribe(listener: (snapshot: QuizSnapshot) => void): () => void {
		const subscription = this.actor.subscribe(listener);
		return () => subscription.unsubscribe();
	}

	stop(): void {
		this.actor.stop();
	}

	private save(now: () => Date): void {
		const session = toStoredSession(this.actor);
		const json = JSON.stringify(session);
		if (json === this.lastSaved) return;
		this.lastSaved = json;
		this.options.store.update((record) => withSession(record, this.options.sessionKey, session, now()));
	}
}
