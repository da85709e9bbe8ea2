/** When a held-back variant is flagged as not parallel to its siblings. */
import { describe, expect, it } from 'vitest';
import { variantFlags } from '$lib/server/classroom/variant-analysis';

const variant = (slotId: string, answered: number, correct: number) => ({ slotId, answered, correct });

describe('variantFlags', () => {
	it('flags a variant more than 25 points off its siblings’ pooled share, with the share it differs from', () => {
		expect(variantFlags([variant('s', 10, 9), variant('s', 10, 6), variant('s', 10, 6)])).toEqual([0.6, null, null]);
	});

	it('does not flag a gap of exactly 25 points', () => {
		expect(variantFlags([variant('s', 20, 15), variant('s', 20, 10)])).toEqual([null, null]);
	});

	it('waits for 10 students on the variant and 10 on its siblings together', () => {
		expect(variantFlags([variant('s', 9, 9), variant('s', 30, 0)])).toEqual([null, null]);
		expect(variantFlags([variant('s', 10, 10), variant('s', 5, 0), variant('s', 4, 0)])).toEqual([null, null, null]);
		expect(variantFlags([variant('s', 10, 10), variant('s', 5, 0), variant('s', 5, 0)])).toEqual([0, null, null]);
	});

	it('compares only within a slot, and leaves a slot of one question alone', () => {
		expect(variantFlags([variant('a', 30, 30), variant('b', 30, 0), variant('c', 30, 15)])).toEqual([null, null, null]);
	});
});
