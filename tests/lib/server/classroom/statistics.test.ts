import { describe, expect, it } from 'vitest';
import { DISCRIMINATION_MINIMUM, discriminationIndex } from '$lib/server/classroom/statistics';

const scored = (pairs: [number, number][]) => pairs.map(([total, item]) => ({ total, item }));

describe('discriminationIndex (upper–lower 27%)', () => {
	it('is 1 when exactly the strong students get the question right', () => {
		// 10 students: groups of round(2.7) = 3.
		const students = scored([
			[1, 1],
			[0.9, 1],
			[0.8, 1],
			[0.7, 1],
			[0.6, 0],
			[0.5, 1],
			[0.4, 0],
			[0.3, 0],
			[0.2, 0],
			[0.1, 0]
		]);
		expect(discriminationIndex(students)).toBe(1);
	});

	it('is negative when the weak students do better', () => {
		const students = scored([
			[0.9, 0],
			[0.8, 0],
			[0.5, 1],
			[0.2, 1],
			[0.1, 1]
		]);
		// 5 students: groups of one. Top scores 0, bottom scores 1.
		expect(discriminationIndex(students)).toBe(-1);
	});

	it('averages partial credit within each group', () => {
		const students = scored([
			[1, 1],
			[0.95, 0.5],
			[0.9, 1],
			[0.6, 0.5],
			[0.55, 0.5],
			[0.5, 0.5],
			[0.45, 0.5],
			[0.2, 0],
			[0.1, 0.5],
			[0, 0.25]
		]);
		// Upper: 1, 0.5, 1 → 0.833; lower: 0, 0.5, 0.25 → 0.25.
		expect(discriminationIndex(students)).toBe(0.58);
	});

	it('is 0 when everyone scores the same on the question', () => {
		expect(
			discriminationIndex(
				scored([
					[1, 1],
					[0.8, 1],
					[0.6, 1],
					[0.4, 1],
					[0.2, 1]
				])
			)
		).toBe(0);
	});

	it(`says nothing below ${DISCRIMINATION_MINIMUM} students`, () => {
		expect(
			discriminationIndex(
				scored([
					[1, 1],
					[0.5, 0],
					[0.2, 0],
					[0, 0]
				])
			)
		).toBeNull();
	});
});
