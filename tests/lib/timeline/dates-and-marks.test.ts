import { describe, expect, it } from 'vitest';
import type { CourseEvent } from '$lib/model/course';
import { chronological, eventDateLabel } from '$lib/timeline/dates';
import { markLabel, markOrder } from '$lib/timeline/events';

const event = (id: string, date?: string): CourseEvent => ({
	id,
	title: `Event ${id}`,
	date,
	kind: 'criticism',
	track: 'reactions',
	summaryHtml: '',
	from: 'a',
	to: [],
	participants: [],
	sources: []
});

describe('timeline wording and order', () => {
	it.each([
		['2025-10-14', '14 Oct 2025'],
		['2025-11', 'November 2025 (day unknown)'],
		[undefined, 'date unknown']
	])('dates %s as “%s”', (date, label) => {
		expect(eventDateLabel(date)).toBe(label);
	});

	it('names a marker by title, date, kind and track', () => {
		expect(markLabel(event('x', '2025-11'), 'Criticism', 'Reactions')).toBe(
			'Event x. November 2025 (day unknown). Criticism, Reactions.'
		);
	});

	it('lists month-only events after the dated events of their month, undated ones last', () => {
		const events = [
			event('undated'),
			event('nov', '2025-11'),
			event('nov-26', '2025-11-26'),
			event('dec', '2025-12-01'),
			event('old', '2016-12-29')
		];
		expect(chronological(events).map((item) => item.id)).toEqual(['old', 'nov-26', 'nov', 'dec', 'undated']);
	});

	it('walks the marks segment by segment', () => {
		const marks = (ids: string[]) => ({
			label: '',
			height: 0,
			ticks: [],
			rows: [],
			marks: ids.map((id) => ({ event: id, x: 0, y: 0, title: id }))
		});
		expect(markOrder({ width: 1, undated: [], segments: [marks(['a', 'b']), marks(['c'])] })).toEqual(['a', 'b', 'c']);
	});
});
