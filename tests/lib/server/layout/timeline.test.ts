import { describe, expect, it } from 'vitest';
import type { TimelineSegment } from '$lib/model/course';
import { layoutTimeline, shortTitle, TITLE_SIZE, type TimelineEventInput } from '$lib/server/layout/timeline';
import { textWidth } from '$lib/network/labels';

const tracks = [
	{ id: 'talks', label: 'The talks' },
	{ id: 'empty', label: 'Nothing here' },
	{ id: 'reactions', label: 'Reactions' },
	{ id: 'old-case', label: 'The old case' }
];
const events: TimelineEventInput[] = [
	{ id: 'old-call', date: '2016-12-29', track: 'old-case' },
	{ id: 'old-resignation', date: '2017-02-13', track: 'old-case' },
	{ id: 'first-call', date: '2025-10-14', track: 'talks' },
	{ id: 'side-meeting', date: '2025-10', track: 'talks' },
	{ id: 'report', date: '2025-11-25', track: 'reactions' },
	{ id: 'criticism', date: '2025-11', track: 'reactions' },
	{ id: 'defence', date: '2025-11-26', track: 'reactions' },
	{ id: 'editorial', date: '2025-11-26', track: 'reactions' },
	{ id: 'complaint', track: 'reactions' }
];

/** Each mark's horizontal extent (a marker, or a month bar) and row. */
function extents(segment: TimelineSegment) {
	return segment.marks.map((mark) => ({
		...mark,
		left: mark.x2 === undefined ? mark.x - 9 : mark.x,
		right: mark.x2 ?? mark.x + 9
	}));
}

describe('layoutTimeline', () => {
	const layout = layoutTimeline(events, tracks);

	it('splits at the long gap into aligned segments of the same width, in time order', () => {
		expect(layout.segments.map((segment) => segment.label)).toEqual([
			'December 2016 – February 2017',
			'October 2025 – November 2025'
		]);
		expect(layout.segments[1]?.gapBefore).toBe('8 years and 8 months');
		expect(layout.segments[0]?.gapBefore).toBeUndefined();
		for (const segment of layout.segments) {
			for (const mark of segment.marks) {
				expect(mark.x).toBeGreaterThanOrEqual(0);
				expect(mark.x2 ?? mark.x).toBeLessThanOrEqual(layout.width);
			}
		}
	});

	it('gives each segment only the tracks it has events on, in module order', () => {
		expect(layout.segments.map((segment) => segment.rows.map((row) => row.track))).toEqual([
			['old-case'],
			['talks', 'reactions']
		]);
	});

	it('draws a month-only event as a bar over its whole month', () => {
		const bar = layout.segments[1]?.marks.find((mark) => mark.event === 'criticism');
		const ticks = layout.segments[1]?.ticks ?? [];
		expect(bar?.x2).toBeDefined();
		// The month of November covers the ticks of 2, 9, 16, 23 and 30 November.
		const inside = ticks.filter((tick) => tick.x >= (bar?.x ?? 0) && tick.x <= (bar?.x2 ?? 0)).map((tick) => tick.date);
		expect(inside).toEqual(['2025-11-02', '2025-11-09', '2025-11-16', '2025-11-23', '2025-11-30']);
	});

	it('stacks marks of the same row in lanes so none overlaps another', () => {
		for (const segment of layout.segments) {
			const marks = extents(segment);
			for (const a of marks) {
				for (const b of marks) {
					if (a === b || a.y !== b.y) continue;
					expect(a.right <= b.left || b.right <= a.left, `${a.event} and ${b.event} overlap`).toBe(true);
				}
			}
		}
		const sameDay = layout.segments[1]?.marks.filter((mark) => mark.event === 'defence' || mark.event === 'editorial');
		expect(new Set(sameDay?.map((mark) => mark.y)).size).toBe(2);
	});

	it('gives every mark a title, and no two titles or markers of a lane overlap', () => {
		const titled = layoutTimeline(
			[
				{ id: 'a', date: '2025-11-25', track: 'talks', title: 'A very long title about the first leaked call' },
				{ id: 'b', date: '2025-11-26', track: 'talks', title: 'Second' },
				{ id: 'c', date: '2025-11-30', track: 'talks', title: 'Right at the end of the axis' }
			],
			tracks
		);
		const marks = titled.segments.flatMap((segment) => segment.marks);
		expect(marks.map((mark) => mark.title)).toEqual([expect.stringMatching(/…$/), 'Second', expect.any(String)]);
		// Close in time, so the long title would cover b's marker: b goes to another lane.
		expect(new Set(marks.map((mark) => mark.y)).size).toBeGreaterThan(1);
		const last = marks.find((mark) => mark.event === 'c');
		expect(last?.titleLeft).toBe(true);
	});

	it('shortens a long title at a word, with an ellipsis, to the title width', () => {
		const short = shortTitle('Ushakov and Dmitriev discuss the draft peace plan by telephone', 100);
		expect(short).toMatch(/^Ushakov and[^…]*…$/);
		expect(textWidth(short, TITLE_SIZE)).toBeLessThanOrEqual(100);
		expect(shortTitle('Short')).toBe('Short');
	});

	it('draws the month-only events of one track and month as one bar that names them all', () => {
		const grouped = layoutTimeline(
			[
				{ id: 'x', date: '2025-11', track: 'reactions', title: 'X' },
				{ id: 'y', date: '2025-11', track: 'reactions', title: 'Y' },
				{ id: 'z', date: '2025-11', track: 'reactions', title: 'Z' },
				{ id: 'other-month', date: '2025-10', track: 'reactions', title: 'W' },
				{ id: 'day', date: '2025-11-03', track: 'reactions', title: 'D' }
			],
			tracks
		);
		const marks = grouped.segments.flatMap((segment) => segment.marks);
		const bar = marks.find((mark) => mark.events);
		expect(bar).toMatchObject({ event: 'x', events: ['x', 'y', 'z'], title: '3 events this month' });
		expect(marks.map((mark) => mark.event).sort()).toEqual(['day', 'other-month', 'x']);
		expect(marks.find((mark) => mark.event === 'other-month')?.events).toBeUndefined();
	});

	it('keeps every mark inside its row', () => {
		for (const segment of layout.segments) {
			for (const mark of segment.marks) {
				const track = events.find((event) => event.id === mark.event)?.track;
				const row = segment.rows.find((candidate) => candidate.track === track);
				expect(mark.y).toBeGreaterThan(row?.y ?? Infinity);
				expect(mark.y).toBeLessThan((row?.y ?? 0) + (row?.height ?? 0));
			}
			expect(segment.height).toBe((segment.rows.at(-1)?.y ?? 0) + (segment.rows.at(-1)?.height ?? 0));
		}
	});

	it('orders marks by time for the keyboard, and lists undated events apart', () => {
		expect(layout.segments.flatMap((segment) => segment.marks.map((mark) => mark.event))).toEqual([
			'old-call',
			'old-resignation',
			'side-meeting',
			'first-call',
			'criticism',
			'report',
			'defence',
			'editorial'
		]);
		expect(layout.undated).toEqual(['complaint']);
	});
});
