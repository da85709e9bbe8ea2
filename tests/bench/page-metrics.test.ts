/** The benchmark's blocking time counts as Lighthouse's TBT does: only after the first contentful paint. */
import { describe, expect, it } from 'vitest';
import { blockingAfter } from './page-metrics';

describe('blockingAfter', () => {
	it('sums each long task’s time over 50 ms after the first paint', () => {
		expect(
			blockingAfter(100, [
				{ start: 200, duration: 80 },
				{ start: 400, duration: 120 }
			])
		).toBe(30 + 70);
	});

	it('leaves out tasks before the first paint, and counts a task across it from the paint', () => {
		const tasks = [
			{ start: 0, duration: 90 },
			{ start: 150, duration: 100 }
		];
		// The first ends before the paint at 170; the second runs 80 ms after it.
		expect(blockingAfter(170, tasks)).toBe(30);
	});

	it('gives nothing for tasks of 50 ms or less', () => {
		expect(
			blockingAfter(0, [
				{ start: 10, duration: 50 },
				{ start: 100, duration: 20 }
			])
		).toBe(0);
	});
});
