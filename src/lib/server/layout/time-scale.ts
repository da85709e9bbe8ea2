/**
 * The timeline's time arithmetic: event dates (a day, or only a month) to UTC spans, the split of
 * a module's events into segments wherever a long gap would squash everything else on one linear
 * scale, and each segment's axis (a d3 UTC time scale) with readable tick labels.
 *
 * Build-time only: the timeline layout calls it while loading the course and ships numbers, so
 * d3-scale never reaches the browser. Do not import it from a component.
 */
import { scaleUtc } from 'd3-scale';
import { utcDay, utcMonth } from 'd3-time';

export type DatePrecision = 'day' | 'month';

/** An event's time: a day, or a whole month when only the month is known (end is exclusive). */
export interface EventTime {
	start: Date;
	end: Date;
	precision: DatePrecision;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

export function parseEventDate(date: string): EventTime {
	const day = DAY.exec(date);
	if (day) {
		const start = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
		if (start.toISOString().slice(0, 10) === date) return { start, end: utcDay.offset(start, 1), precision: 'day' };
	}
	const month = MONTH.exec(date);
	if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
		const start = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
		return { start, end: utcMonth.offset(start, 1), precision: 'month' };
	}
	throw new Error(`expected a date as YYYY-MM-DD or YYYY-MM, found "${date}"`);
}

export function isoDay(date: Date): string {
	return date.toISOString().slice(0, 10);
}

export interface Segment<T> {
	items: T[];
	start: Date;
	/** Exclusive: the end of the last item's time. */
	end: Date;
}

/** The default break: more than a year without events starts a new segment. */
export const MAX_GAP_DAYS = 365;

/**
 * Groups items (in time order) into segments: a new one starts where the time since the previous
 * item ended exceeds `maxGapDays`.
 */
export function splitAtGaps<T>(items: T[], time: (item: T) => EventTime, maxGapDays = MAX_GAP_DAYS): Segment<T>[] {
	const sorted = [...items].sort((a, b) => time(a).start.getTime() - time(b).start.getTime());
	const segments: Segment<T>[] = [];
	for (const item of sorted) {
		const { start, end } = time(item);
		const current = segments.at(-1);
		if (current && utcDay.count(current.end, start) <= maxGapDays) {
			current.items.push(item);
			if (end > current.end) current.end = end;
		} else {
			segments.push({ items: [item], start, end });
		}
	}
	return segments;
}

/** A segment's domain: from the first of its first month to the first of the month after its end. */
export function monthDomain(start: Date, end: Date): [Date, Date] {
	return [utcMonth.floor(start), utcMonth.ceil(end)];
}

export interface AxisTick {
	/** YYYY-MM-DD */
	date: string;
	x: number;
	label: string;
}

export interface TimeAxis {
	x(date: Date): number;
	ticks: AxisTick[];
}

const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const longMonthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A tick's label, short but never ambiguous: the year appears on the first tick and wherever it
 * changes; monthly ticks name the month, daily or weekly ticks the day.
 */
export function tickLabel(date: Date, previous: Date | undefined, monthly: boolean): string {
	const newYear = !previous || previous.getUTCFullYear() !== date.getUTCFullYear();
	if (monthly) return newYear ? monthYear.format(date) : monthName.format(date);
	return newYear ? `${dayMonth.format(date)} ${date.getUTCFullYear()}` : dayMonth.format(date);
}

/**
 * A d3 UTC time scale over `domain` onto `range`, with about one tick per `minTickSpacing` pixels
 * (d3 picks the interval: days, weeks, months...).
 */
export function timeAxis(domain: [Date, Date], range: [number, number], minTickSpacing = 80): TimeAxis {
	const scale = scaleUtc().domain(domain).range(range);
	const count = Math.max(2, Math.floor(Math.abs(range[1] - range[0]) / minTickSpacing));
	const dates = scale.ticks(count);
	const monthly = dates.length > 1 && dates.every((date) => date.getUTCDate() === 1);
	const round = (value: number) => Math.round(value * 10) / 10;
	return {
		x: (date) => round(scale(date)),
		ticks: dates.map((date, index) => ({
			date: isoDay(date),
			x: round(scale(date)),
			label: tickLabel(date, dates[index - 1], monthly)
		}))
	};
}

/** "December 2016 – December 2017", or one month's name when the span is within it. */
export function describeSpan(start: Date, end: Date): string {
	const last = utcDay.offset(end, -1);
	const first = longMonthYear.format(start);
	const final = longMonthYear.format(last);
	return first === final ? first : `${first} – ${final}`;
}

/** The length of a gap in whole months, as words: "7 years and 10 months", "3 months". */
export function describeGap(from: Date, to: Date): string {
	const months = utcMonth.count(utcMonth.floor(from), utcMonth.floor(to));
	const years = Math.floor(months / 12);
	const rest = months % 12;
	const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
	if (years === 0) return plural(Math.max(rest, 1), 'month');
	return rest === 0 ? plural(years, 'year') : `${plural(years, 'year')} and ${plural(rest, 'month')}`;
}
