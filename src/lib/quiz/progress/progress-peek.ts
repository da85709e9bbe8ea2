/**
 * A glance at stored progress for the lesson page, before any quiz code loads: is there a quiz
 * to resume, at which question, and how did earlier rounds go. Reads defensively and validates
 * nothing: the full check (and setting aside a damaged record) happens when the quiz opens. Kept
 * free of xstate and zod so the page stays small.
 */
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

/** Where a lesson stands in a progress record (read loosely: it may not have been validated). */
export function lessonStatus(record: unknown, lesson: string): LessonPeek {
	const progress = field(field(record, 'lessons'), lesson) as Loose;
	const best = typeof progress?.best === 'number' ? progress.best : undefined;
	const mastered = progress?.mastered === true;
	const snapshot = field(field(field(record, 'sessions'), lesson), 'snapshot');
	const value = field(snapshot, 'value');
	const context = field(snapshot, 'context');
	const round = field(context, 'round');
	const position = field(context, 'position');
	const total = Array.isArray(round) ? round.length : 0;
	if ((value === 'answering' || value === 'feedback') && typeof position === 'number' && total > 0) {
		return {
			status: 'inProgress',
			position: Math.min(position + 1, total),
			total,
			mastered,
			...(best === undefined ? {} : { best })
		};
	}
	if (value === 'results' || progress)
		return { status: 'finished', position: total, total, mastered, ...(best === undefined ? {} : { best }) };
	return { status: 'none' };
}
