import { describe, expect, it } from 'vitest';
import { parseDueDate } from '$lib/server/classroom/due-date';

describe('parseDueDate', () => {
	it('reads a datetime-local value as UTC without an offset', () => {
		expect(parseDueDate('2026-03-01T17:00')).toBe(Date.UTC(2026, 2, 1, 17, 0));
		expect(parseDueDate('2026-03-01 17:00')).toBe(Date.UTC(2026, 2, 1, 17, 0));
	});

	it('applies the browser’s offset (minutes behind UTC, as getTimezoneOffset gives it)', () => {
		// Berlin in winter is UTC+1: getTimezoneOffset() is −60, and 17:00 there is 16:00 UTC.
		expect(parseDueDate('2026-03-01T17:00', -60)).toBe(Date.UTC(2026, 2, 1, 16, 0));
		expect(parseDueDate('2026-03-01T17:00', 300)).toBe(Date.UTC(2026, 2, 1, 22, 0));
	});

	it('makes a date without a time due at the end of that day', () => {
		expect(parseDueDate('2026-03-01')).toBe(Date.UTC(2026, 2, 1, 23, 59));
	});

	it.each([['2026-02-30T10:00'], ['2026-13-01T10:00'], ['2026-03-01T24:00'], ['2026-03-01T10:60'], ['tomorrow'], ['']])(
		'refuses %j',
		(value) => {
			expect(parseDueDate(value)).toBeUndefined();
		}
	);
});
