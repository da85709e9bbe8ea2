import { describe, expect, it } from 'vitest';
import {
	describeGap,
	describeSpan,
	isoDay,
	monthDomain,
	parseEventDate,
	splitAtGaps,
	tickLabel,
	timeAxis
} from '$lib/server/layout/time-scale';

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

describe('parseEventDate', () => {
	it.each([
		['2025-10-14', 'day', '2025-10-14', '2025-10-15'],
		['2025-11', 'month', '2025-11-01', '2025-12-01'],
		['2016-12', 'month', '2016-12-01', '2017-01-01'],
		['2024-02-29', 'day', '2024-02-29', '2024-03-01']
	])('%s is a %s from %s to %s (exclusive)', (date, precision, start, end) => {
		const time = parseEventDate(date);
		expect(time.precision).toBe(precision);
		expect(isoDay(time.start)).toBe(start);
		expect(isoDay(time.end)).toBe(end);
	});

	it.each(['14 Oct 2025', '2025-13', '2025-02-30', '2025'])('refuses %s with the expected format', (date) => {
		expect(() => parseEventDate(date)).toThrow(/expected a date as YYYY-MM-DD or YYYY-MM, found/);
	});
});

describe('splitAtGaps', () => {
	const time = (date: string) => parseEventDate(date);
	it.each([
		{ dates: ['2025-10-14', '2025-11', '2025-10-29'], max: 365, expected: [['2025-10-14', '2025-10-29', '2025-11']] },
		{
			dates: ['2025-10-14', '2016-12-29', '2017-12-01', '2017-02-13'],
			max: 365,
			expected: [['2016-12-29', '2017-02-13', '2017-12-01'], ['2025-10-14']]
		},
		{ dates: ['2020-01-01', '2020-03-01'], max: 30, expected: [['2020-01-01'], ['2020-03-01']] },
		{ dates: [], max: 365, expected: [] }
	])('$dates with gaps over $max days → $expected', ({ dates, max, expected }) => {
		expect(splitAtGaps(dates, time, max).map((segment) => segment.items)).toEqual(expected);
	});

	it('extends a segment to the end of its latest item, even a month-only one', () => {
		const [segment] = splitAtGaps(['2025-11', '2025-11-26'], time);
		expect(isoDay(segment?.end ?? new Date(0))).toBe('2025-12-01');
	});
});

describe('timeAxis', () => {
	it.each([
		{
			name: 'two months over 880 px: weekly ticks, the year on the first',
			domain: ['2025-10-01', '2025-12-01'],
			width: 880,
			dates: [
				'2025-10-05',
				'2025-10-12',
				'2025-10-19',
				'2025-10-26',
				'2025-11-02',
				'2025-11-09',
				'2025-11-16',
				'2025-11-23',
				'2025-11-30'
			],
			labels: ['5 Oct 2025', '12 Oct', '19 Oct', '26 Oct', '2 Nov', '9 Nov', '16 Nov', '23 Nov', '30 Nov']
		},
		{
			name: 'thirteen months over 880 px: monthly ticks, the year where it changes',
			domain: ['2016-12-01', '2018-01-01'],
			width: 880,
			dates: [
				'2016-12-01',
				'2017-01-01',
				'2017-02-01',
				'2017-03-01',
				'2017-04-01',
				'2017-05-01',
				'2017-06-01',
				'2017-07-01',
				'2017-08-01',
				'2017-09-01',
				'2017-10-01',
				'2017-11-01',
				'2017-12-01',
				'2018-01-01'
			],
			labels: [
				'Dec 2016',
				'Jan 2017',
				'Feb',
				'Mar',
				'Apr',
				'May',
				'Jun',
				'Jul',
				'Aug',
				'Sept',
				'Oct',
				'Nov',
				'Dec',
				'Jan 2018'
			]
		},
		{
			name: 'thirteen months over 300 px: quarterly ticks',
			domain: ['2016-12-01', '2018-01-01'],
			width: 300,
			dates: ['2017-01-01', '2017-04-01', '2017-07-01', '2017-10-01', '2018-01-01'],
			labels: ['Jan 2017', 'Apr', 'Jul', 'Oct', 'Jan 2018']
		}
	])('$name', ({ domain, width, dates, labels }) => {
		const axis = timeAxis([utc(domain[0] ?? ''), utc(domain[1] ?? '')], [0, width]);
		expect(axis.ticks.map((tick) => tick.date)).toEqual(dates);
		expect(axis.ticks.map((tick) => tick.label)).toEqual(labels);
		expect(axis.ticks[0]?.x).toBeGreaterThanOrEqual(0);
		expect(axis.ticks.at(-1)?.x).toBeLessThanOrEqual(width);
	});

	it('maps the domain linearly onto the range', () => {
		const axis = timeAxis([utc('2025-10-01'), utc('2025-10-11')], [100, 200]);
		expect(axis.x(utc('2025-10-01'))).toBe(100);
		expect(axis.x(utc('2025-10-06'))).toBe(150);
		expect(axis.x(utc('2025-10-11'))).toBe(200);
	});
});

describe('labels', () => {
	it.each([
		['2025-11-02', '2025-10-26', false, '2 Nov'],
		['2025-11-02', undefined, false, '2 Nov 2025'],
		['2026-01-04', '2025-12-28', false, '4 Jan 2026'],
		['2017-03-01', '2017-02-01', true, 'Mar'],
		['2018-01-01', '2017-12-01', true, 'Jan 2018']
	])('tick %s after %s (monthly: %s) reads %s', (date, previous, monthly, label) => {
		expect(tickLabel(utc(date), previous ? utc(previous) : undefined, monthly)).toBe(label);
	});

	it.each([
		['2016-12-01', '2018-01-01', 'December 2016 – December 2017'],
		['2025-10-01', '2025-11-01', 'October 2025']
	])('a span from %s to %s reads %s', (start, end, label) => {
		expect(describeSpan(utc(start), utc(end))).toBe(label);
	});

	it.each([
		['2017-12-02', '2025-10-14', '7 years and 10 months'],
		['2017-02-14', '2025-10-14', '8 years and 8 months'],
		['2020-01-10', '2022-01-05', '2 years'],
		['2020-01-10', '2020-04-02', '3 months'],
		['2020-01-10', '2020-01-30', '1 month']
	])('a gap from %s to %s reads %s', (from, to, words) => {
		expect(describeGap(utc(from), utc(to))).toBe(words);
	});

	it('pads a domain to whole months', () => {
		expect(monthDomain(utc('2025-10-14'), utc('2025-11-27')).map(isoDay)).toEqual(['2025-10-01', '2025-12-01']);
	});
});
