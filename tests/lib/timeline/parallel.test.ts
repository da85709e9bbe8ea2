import { describe, expect, it } from 'vitest';
import type { CourseEvent, TimelineLayout } from '$lib/model/course';
import { DEFAULT_RELATION_KINDS } from '$lib/model/relation-kinds';
import { parallelCases } from '$lib/timeline/parallel';

function event(id: string, date: string, kind: CourseEvent['kind'] = 'statement'): CourseEvent {
	return {
		id,
		title: id,
		date,
		kind,
		track: 't',
		summaryHtml: '',
		from: 'a',
		to: ['b'],
		participants: [],
		sources: []
	};
}

const events = [
	event('old-report', '2016-12-20', 'publication'),
	event('old-call', '2016-12-29', 'call'),
	event('old-resignation', '2017-02-13'),
	event('new-call', '2025-10-14', 'call'),
	event('new-month', '2025-11'),
	event('new-leak', '2025-11-25', 'publication')
];

const segment = (label: string, ids: string[], grouped?: string[]) => ({
	label,
	height: 0,
	ticks: [],
	rows: [],
	marks: [
		...ids.map((id) => ({ event: id, x: 0, y: 0, title: id })),
		...(grouped ? [{ event: grouped[0] ?? '', events: grouped, x: 0, x2: 1, y: 0, title: 'group' }] : [])
	]
});

const layout: TimelineLayout = {
	width: 880,
	undated: [],
	segments: [
		segment('2016–2017', ['old-report', 'old-call', 'old-resignation']),
		segment('2025', ['new-call', 'new-leak'], ['new-month'])
	]
};

describe('parallelCases', () => {
	it('counts each case in days from its own first call or meeting, and leaves month-only events out', () => {
		const [flynn, witkoff] = parallelCases(layout, events, DEFAULT_RELATION_KINDS) ?? [];
		expect(flynn?.origin.id).toBe('old-call');
		expect(flynn?.events.map((item) => [item.id, item.day])).toEqual([
			['old-report', -9],
			['old-call', 0],
			['old-resignation', 46]
		]);
		expect(witkoff?.origin.id).toBe('new-call');
		expect(witkoff?.events.map((item) => [item.id, item.day])).toEqual([
			['new-call', 0],
			['new-leak', 42]
		]);
	});

	it('has nothing to compare on a timeline of one stretch', () => {
		expect(
			parallelCases({ ...layout, segments: layout.segments.slice(0, 1) }, events, DEFAULT_RELATION_KINDS)
		).toBeUndefined();
	});

	it('takes the first contact from the module’s own kinds: its first relation without a direction', () => {
		const kinds = [
			{ id: 'statement', directed: true },
			{ id: 'publication', directed: false }
		];
		const [flynn, witkoff] = parallelCases(layout, events, kinds) ?? [];
		expect(flynn?.origin.id).toBe('old-report');
		expect(witkoff?.origin.id).toBe('new-leak');
		expect(witkoff?.events.map((item) => [item.id, item.day])).toEqual([
			['new-call', -42],
			['new-leak', 0]
		]);
	});
});
