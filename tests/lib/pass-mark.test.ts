import { describe, expect, it } from 'vitest';
import { passMarkFromPercent, passMarkToPercent, reachesPassMark } from '$lib/pass-mark';

describe('the pass mark', () => {
	it('converts between the percentage teachers type and store and the share the code compares', () => {
		expect(passMarkFromPercent(80)).toBe(0.8);
		expect(passMarkFromPercent(0)).toBe(0);
		expect(passMarkFromPercent(100)).toBe(1);
		// Every whole percentage survives the round trip, though 0.7 × 100 is 70.00000000000001.
		for (let percent = 0; percent <= 100; percent++)
			expect(passMarkToPercent(passMarkFromPercent(percent))).toBe(percent);
		expect(passMarkToPercent(0.771)).toBe(77);
	});

	it('is reached exactly at the mark and not one point below', () => {
		expect(reachesPassMark(0.7, 0.7)).toBe(true);
		expect(reachesPassMark(0.69, 0.7)).toBe(false);
		expect(reachesPassMark(1, 1)).toBe(true);
		expect(reachesPassMark(0.99, 1)).toBe(false);
		expect(reachesPassMark(0, 0)).toBe(true);
	});

	it('compares in whole percentages, as the score and the mark are shown', () => {
		// A mean float arithmetic leaves a hair under 70% is shown, and passes, as 70%.
		const mean = (0.7 + 0.7 + 0.7) / 3;
		expect(mean).toBeLessThan(0.7);
		expect(reachesPassMark(mean, 0.7)).toBe(true);
		expect(reachesPassMark(0.796, 0.8)).toBe(true);
		expect(reachesPassMark(0.794, 0.8)).toBe(false);
	});
});
