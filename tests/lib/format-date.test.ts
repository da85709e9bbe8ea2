import { describe, expect, it } from 'vitest';
import { formatDate } from '$lib/format-date';

describe('formatDate', () => {
	it.each([
		['2025-10-14', '14 Oct 2025'],
		['2025-11-01', '1 Nov 2025'],
		['2016-12-29', '29 Dec 2016'],
		['2025-10', 'October 2025'],
		['2017-01', 'January 2017'],
		[undefined, 'date unknown'],
		['late 2025', 'late 2025'],
		['2025-13', '2025-13']
	])('%s -> %s', (date, expected) => {
		expect(formatDate(date)).toBe(expected);
	});

	it('writes every month as en-GB does', () => {
		const intlDay = new Intl.DateTimeFormat('en-GB', {
			day: 'numeric',
			month: 'short',
			year: 'numeric',
			timeZone: 'UTC'
		});
		const intlMonth = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
		for (let month = 1; month <= 12; month++) {
			const iso = `2025-${String(month).padStart(2, '0')}`;
			expect(formatDate(`${iso}-09`)).toBe(intlDay.format(new Date(`${iso}-09T00:00:00Z`)));
			expect(formatDate(iso)).toBe(intlMonth.format(new Date(`${iso}-01T00:00:00Z`)));
		}
	});
});
