/**
 * A glance at stored progress for the lesson page, before any quiz code loads: is there a quiz
 * to resume, at which question, and how did earlier rounds go. Reads defensively and validates
 * nothing: the full check (and setting aside a damaged record) happens when the quiz opens. Kept
 * free of xstate and zod so the page stays small.
 */
import type { QuizState } from '../session-schema.ts';
import type { KeyValueStore } from './key-value-store.ts';
import { PROGRESS_VERSION } from './progress-record.ts';
import { progressKey } from './progress-keys.ts';

export type LessonPeek =
	| { status: 'none' }
	| { status: 'unreadable' }
	| {
			status: 'inProgress' | 'finished';
			/** 1-based question number in the current round, and the round's length. */
			position: number;
			total: number;
			best?: number;
			mastered: boolean;
	  };

type Loose = Record<string, unknown> | undefined;

const field = (value: unknown, key: string): unknown =>
	value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;

export function peekLesson(store: KeyValueStore, module: string, lesson: string): LessonPeek {
	let data: unknown;
	try {
		const raw = store.getItem(progressKey(module));
		if (raw === null) return { status: 'none' };
		data = JSON.parse(raw);
	} catch {
		return { status: 'unreadable' };
	}
	if (field(data, 'version') !== PROGRESS_VERSION || field(data, 'module') !== module) return { status: 'unreadable' };
	return lessonStatus(data, lesson);
}

/** A stored quiz at a glance: where it stands, if that can be told with figures that hold. */
export interface SessionPeek {
	/** The machine's state, unchecked: a state it does not have simply matches none below. */
	value: string;
	round: string[];
	/** 0-based, within the round. */
	position: number;
}

// Typed by the machine (a type-only import: no xstate on the lesson page), so a renamed state
// fails to compile here rather than silently never matching.
const IN_PROGRESS: readonly QuizState[] = ['answering', 'feedback'];
const FINISHED: QuizState = 'results';
const NOT_STARTED: QuizState = 'intro';

/** A quiz the learner can resume: a question is on screen. */
export const isInProgress = (session: SessionPeek | undefined): boolean =>
	IN_PROGRESS.some((state) => state === session?.value);

/**
 * Reads a stored session loosely, checking ranges: a position beyond the round or a state the
 * quiz does not have reads as no session (the quiz sets it aside when it opens), never as
 * "question 1000 of 3".
 */
export function peekSession(session: unknown): SessionPeek | undefined {
	const snapshot = field(session, 'snapshot');
	const value = field(snapshot, 'value');
	const context = field(snapshot, 'context');
	const round = field(context, 'round');
	const position = field(context, 'position');
	if (typeof value !== 'string') return undefined;
	if (!Array.isArray(round) || !round.every((id) => typeof id === 'string')) return undefined;
	if (!Number.isInteger(position) || (position as number) < 0) return undefined;
	if (value !== NOT_STARTED && (position as number) >= round.length) return undefined;
	return { value, round, position: position as number };
}

const isShare = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

/** Where a lesson stands in a progress record (read loosely: it may not have been validated). */
export function lessonStatus(record: unknown, lesson: string): LessonPeek {
	const progress = field(field(record, 'lessons'), lesson) as Loose;
	// A best score outside 0..1 is not shown (a stored 5 would read "500%").
	const best = isShare(progress?.best) ? progress.best : undefined;
	const mastered = progress?.mastered === true;
	const session = peekSession(field(field(record, 'sessions'), lesson));
	if (session && isInProgress(session)) {
		return {
			status: 'inProgress',
			position: session.position + 1,
			total: session.round.length,
			mastered,
			...(best === undefined ? {} : { best })
		};
	}
	const total = session?.round.length ?? 0;
	if (session?.value === FINISHED || progress)
		return { status: 'finished', position: total, total, mastered, ...(best === undefined ? {} : { best }) };
	return { status: 'none' };
}
