/**
 * A running quiz with its effects: the machine's actor, restored from and saved to the learner's
 * progress record, and the history kept up to date from the events the machine emits. This is
 * the one place where the pure machine meets storage; the UI creates a session, sends events and
 * renders `getSnapshot()`. Runs in Node too (the tests give it a memory store).
 */
import { createActor, type Actor, type SnapshotFrom } from 'xstate';
import type { Question } from '../model/course.ts';
import type { Grade, Response } from './grade.ts';
import {
	pruneReview,
	recordRound,
	recordSettled,
	withSession,
	type StoredSession
} from './progress/progress-record.ts';
import type { ProgressStore } from './progress/progress-store.ts';
import { quizMachine, type QuizEvent, type QuizInput } from './quiz-machine.ts';
import type { QuizMode } from './quiz-rules.ts';
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
	passMark: number;
	tries: number;
	actorIds?: string[];
	/** Start afresh even if a quiz is in progress (a new review). */
	fresh?: boolean;
	/** `graded`: answers are graded by `gradeRemotely` (the classroom's server), not here. */
	mode?: QuizMode;
	/** Grades a submitted answer elsewhere; a rejection becomes a notice and the answer is kept. */
	gradeRemotely?: (questionId: string, response: Response) => Promise<Grade>;
	now?: () => Date;
}

const QUIZ_RESET_MESSAGE =
	'Backchannel has been updated and your quiz in progress could not be resumed, so it starts again. Your scores and review queue are kept, and the old quiz state is kept in this browser.';

export class QuizSession {
	readonly actor: Actor<typeof quizMachine>;
	private lastSaved: string | undefined;
	/** The submission being graded remotely, so a repeated snapshot does not send it twice. */
	private grading: string | undefined;
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
			if (snapshot.matches('grading')) this.gradeElsewhere(snapshot);
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
			mode: options.mode ?? 'selfCheck',
			...(options.actorIds ? { actorIds: options.actorIds } : {})
		};
		const stored = options.fresh ? undefined : record.sessions[sessionKey];
		const actor = (stored && QuizSession.resume(store, stored, input)) ?? createActor(quizMachine, { input });
		const session = new QuizSession(options, actor);
		actor.start();
		return session;
	}

	/** The stored quiz, fitted to the lesson as it is now; undefined (and kept aside) if it cannot be. */
	private static resume(
		store: ProgressStore,
		stored: StoredSession,
		input: QuizInput
	): Actor<typeof quizMachine> | undefined {
		const restored = restoreSession(stored, input);
		// A state this machine does not have would only fail when the actor starts: check first.
		if (restored && String((restored.snapshot as { value?: unknown }).value) in quizMachine.states) {
			try {
				// xstate resolves the snapshot here: one it cannot use throws now, not later.
				const actor = createActor(quizMachine, { snapshot: restored.snapshot, input });
				if (restored.changed) store.notify({ kind: 'quizChanged', message: restored.changed });
				return actor;
			} catch {
				// Falls through: kept aside below.
			}
		}
		store.keepAside();
		store.notify({ kind: 'quizChanged', message: QUIZ_RESET_MESSAGE });
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

	private gradeElsewhere(snapshot: QuizSnapshot): void {
		const { gradeRemotely } = this.options;
		const { context } = snapshot;
		const questionId = context.round[context.position];
		if (!gradeRemotely || questionId === undefined || !context.draft) return;
		const submission = `${questionId}:${context.attempt.tries.length}`;
		if (this.grading === submission) return;
		this.grading = submission;
		gradeRemotely(questionId, context.draft)
			.then(
				(grade) => this.send({ type: 'answer.graded', questionId, grade }),
				(error: unknown) =>
					this.send({
						type: 'answer.gradingFailed',
						questionId,
						message: `your answer could not be sent (${error instanceof Error ? error.message : 'no answer'}): it is kept, try again`
					})
			)
			.finally(() => {
				if (this.grading === submission) this.grading = undefined;
			});
	}

	private save(now: () => Date): void {
		const session = toStoredSession(this.actor.getPersistedSnapshot());
		const json = JSON.stringify(session);
		if (json === this.lastSaved) return;
		this.lastSaved = json;
		this.options.store.update((record) => withSession(record, this.options.sessionKey, session, now()));
	}
}
