import { describe, expect, it } from 'vitest';
import { publicQuestion } from '$lib/quiz/public-question';
import {
	hashString,
	newSeed,
	presentQuestion,
	presentToEveryone,
	SHARED_SEED,
	seededRandom,
	seededShuffle
} from '$lib/quiz/shuffle';
import { classification, matching, ordering, single, truefalse } from '../../fixtures/quiz/questions';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('seeded shuffle', () => {
	it('gives the same order for the same seed, and leaves its input alone', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f'];
		expect(seededShuffle(items, 42)).toEqual(seededShuffle(items, 42));
		expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
		expect([...seededShuffle(items, 42)].sort()).toEqual(items);
	});

	it('gives different learners different orders', () => {
		const items = ['a', 'b', 'c', 'd', 'e', 'f'];
		const orders = new Set(Array.from({ length: 20 }, (_, seed) => seededShuffle(items, seed).join('')));
		expect(orders.size).toBeGreaterThan(10);
	});

	it('draws numbers in [0, 1) and seeds in 32 bits', () => {
		const random = seededRandom(7);
		for (let i = 0; i < 1000; i++) {
			const value = random();
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(1);
		}
		expect(newSeed(() => 0.999999999)).toBeLessThan(2 ** 32);
		expect(newSeed(() => 0)).toBe(0);
		expect(hashString('who-called')).toBe(hashString('who-called'));
		expect(hashString('who-called')).not.toBe(hashString('who-calls'));
	});
});

describe('presentQuestion', () => {
	it('is repeatable per learner, and shuffles each question on its own stream', () => {
		expect(ids((presentQuestion(single, 1) as typeof single).options)).toEqual(
			ids((presentQuestion(single, 1) as typeof single).options)
		);
		const seen = new Set(
			Array.from({ length: 30 }, (_, seed) => ids((presentQuestion(single, seed) as typeof single).options).join())
		);
		expect(seen.size).toBe(6);
	});

	it('never offers an ordering question already in the right order', () => {
		for (let seed = 0; seed < 200; seed++) {
			const shown = presentQuestion(ordering, seed) as typeof ordering;
			expect(ids(shown.items)).not.toEqual(ordering.answer);
			expect([...ids(shown.items)].sort()).toEqual([...ordering.answer].sort());
		}
	});

	it('shuffles public questions too, keeping every part', () => {
		const shown = presentQuestion(publicQuestion(matching), 3);
		expect(shown.type).toBe('matching');
		if (shown.type !== 'matching') throw new Error('type changed');
		expect([...ids(shown.quotes)].sort()).toEqual(['q1', 'q2']);
		expect([...ids(shown.speakers)].sort()).toEqual(['ana-envoy', 'boris-aide', 'carla-critic']);
		const statements = presentQuestion(classification, 3) as typeof classification;
		expect([...ids(statements.statements)].sort()).toEqual(['s1', 's2', 's3']);
		expect(presentQuestion(truefalse, 3)).toBe(truefalse);
	});
});

describe('presentToEveryone', () => {
	it('is the learner shuffle with one shared seed, the same for every rendering without a learner', () => {
		expect(presentToEveryone(single)).toEqual(presentQuestion(single, SHARED_SEED));
		expect(presentToEveryone(publicQuestion(single))).toEqual(publicQuestion(presentToEveryone(single)));
		// Not the authored order, where the right option came first.
		expect(ids(presentToEveryone(single).options)).not.toEqual(ids(single.options));
	});
});
