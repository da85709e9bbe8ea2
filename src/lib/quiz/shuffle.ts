/**
 * Per-learner option order: a seeded shuffle, so that every learner sees their own order and the
 * same learner sees the same order after a reload (the seed is stored with their progress).
 * mulberry32 and FNV-1a are a few lines each: no library needed for a shuffle that only has to
 * look random and be repeatable.
 */
import type { Question } from '../model/course.ts';
import { hasAnswerKey, type PublicQuestion } from './public-question.ts';

/** A new learner seed: any 32-bit unsigned integer. */
export function newSeed(random: () => number = Math.random): number {
	return Math.floor(random() * 0x1_0000_0000) >>> 0;
}

/** FNV-1a: a string to a 32-bit number, so each question gets its own stream from one seed. */
export function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** mulberry32: a tiny, well-distributed PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
	};
}

/** Fisher–Yates on a copy; the input is never changed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
	const random = seededRandom(seed);
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
	}
	return copy;
}

function sameOrder(a: readonly { id: string }[], ids: readonly string[]): boolean {
	return a.length === ids.length && a.every((item, index) => item.id === ids[index]);
}

/**
 * The question as this learner sees it: options, events, quotes, speakers and statements in the
 * learner's order. An ordering question is never offered already in the right order (when the key
 * is known): that would answer it.
 */
export function presentQuestion<Q extends Question | PublicQuestion>(question: Q, learnerSeed: number): Q {
	const seed = hashString(`${learnerSeed}:${question.id}`);
	switch (question.type) {
		case 'single':
		case 'multiple':
			return { ...question, options: seededShuffle(question.options, seed) };
		case 'ordering': {
			let items = seededShuffle(question.items, seed);
			if (hasAnswerKey(question) && question.type === 'ordering' && sameOrder(items, question.answer)) {
				items = [...items.slice(1), ...items.slice(0, 1)];
			}
			return { ...question, items };
		}
		case 'matching':
			return {
				...question,
				quotes: seededShuffle(question.quotes, seed),
				speakers: seededShuffle(question.speakers, seed + 1)
			};
		case 'classification':
			return { ...question, statements: seededShuffle(question.statements, seed) };
		case 'truefalse':
		case 'map':
			return question;
	}
}

/**
 * The seed of every rendering that has no learner: the no-JavaScript preview, the printed handout,
 * exports. One shuffle for all of them, so they agree with each other and none shows the authored
 * order (where the right option tends to come first).
 */
export const SHARED_SEED = 0;

/** The question as every rendering without a learner shows it (see SHARED_SEED). */
export function presentToEveryone<Q extends Question | PublicQuestion>(question: Q): Q {
	return presentQuestion(question, SHARED_SEED);
}
