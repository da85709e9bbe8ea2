import { describe, expect, it } from 'vitest';
import type { RelationKind } from '$lib/model/course';
import { dateStops, edgeDateLabel, isDrawnOn, visibleLinks, visibleNodes, type MapFilter } from '$lib/network/filter';
import { happenedBy } from '$lib/timeline/dates';
import type { MapLink, MapNode } from '$lib/network/graph';

const node = (id: string, side: string): MapNode => ({
	id,
	name: id,
	side,
	sideIndex: 0,
	kind: 'person',
	x: 0,
	y: 0,
	label: 'below'
});
const link = (id: string, source: string, target: string, kind: RelationKind, date?: string): MapLink => ({
	id,
	event: id,
	source,
	target,
	kind,
	date,
	title: id,
	sources: ['s'],
	participants: []
});

const nodes = [node('ana', 'west'), node('boris', 'east'), node('eve', 'press')];
const links = [
	link('call', 'ana', 'boris', 'call', '2025-10-14'),
	link('meeting', 'ana', 'boris', 'meeting', '2025-10'),
	link('report', 'eve', 'ana', 'publication', '2025-11-25'),
	link('criticism', 'boris', 'ana', 'criticism', '2025-11'),
	link('complaint', 'boris', 'eve', 'statement')
];
const ALL_KINDS: RelationKind[] = ['call', 'meeting', 'statement', 'criticism', 'defence', 'publication', 'other'];
const filter = (change: Partial<MapFilter>): MapFilter => ({
	kinds: new Set(ALL_KINDS),
	sides: new Set(['west', 'east', 'press']),
	...change
});
const ids = (list: { id: string }[]) => list.map((item) => item.id);

describe('dates', () => {
	it.each([
		['2025-10-14', '2025-10-14'],
		['2025-11', '2025-11-30'],
		['2024-02', '2024-02-29'],
		['2025-12', '2025-12-31']
	])('an event dated %s has surely happened by %s', (date, by) => {
		expect(happenedBy(date)).toBe(by);
	});

	it.each([
		['2025-10-14', '2025-10-14', true],
		['2025-10-14', '2025-10-13', false],
		['2025-11', '2025-11-29', false],
		['2025-11', '2025-11-30', true],
		[undefined, '2025-12-31', false],
		[undefined, undefined, true],
		['2025-10-14', undefined, true]
	])('an event of %s is drawn as of %s: %s', (date, asOf, drawn) => {
		expect(isDrawnOn(date, asOf)).toBe(drawn);
	});

	it('makes a slider stop of each day the network changes, a month-only date at its month’s end', () => {
		expect(dateStops(links)).toEqual([
			{ value: '2025-10-14', label: '14 Oct 2025' },
			{ value: '2025-10-31', label: 'end of October 2025' },
			{ value: '2025-11-25', label: '25 Nov 2025' },
			{ value: '2025-11-30', label: 'end of November 2025' }
		]);
	});

	it('names a stop by the exact day when one falls on a month’s end', () => {
		expect(
			dateStops([link('a', 'ana', 'boris', 'call', '2025-10'), link('b', 'ana', 'boris', 'call', '2025-10-31')])
		).toEqual([{ value: '2025-10-31', label: '31 Oct 2025' }]);
	});

	it.each([
		['2025-10-14', '14 Oct 2025'],
		['2025-11', 'Nov 2025']
	])('labels an edge of %s as %s', (date, label) => {
		expect(edgeDateLabel(date)).toBe(label);
	});
});

describe('visibleLinks and visibleNodes', () => {
	it.each([
		{
			name: 'everything, with no filter',
			change: {},
			expected: ['call', 'meeting', 'report', 'criticism', 'complaint']
		},
		{ name: 'as of 14 Oct: the call only', change: { asOf: '2025-10-14' }, expected: ['call'] },
		{ name: 'as of 31 Oct: the month-only meeting too', change: { asOf: '2025-10-31' }, expected: ['call', 'meeting'] },
		{
			name: 'as of 30 Nov: all dated, not the undated',
			change: { asOf: '2025-11-30' },
			expected: ['call', 'meeting', 'report', 'criticism']
		},
		{
			name: 'calls and criticism only',
			change: { kinds: new Set<RelationKind>(['call', 'criticism']) },
			expected: ['call', 'criticism']
		},
		{
			name: 'without the press',
			change: { sides: new Set(['west', 'east']) },
			expected: ['call', 'meeting', 'criticism']
		},
		{
			name: 'kind, side and date together',
			change: {
				kinds: new Set<RelationKind>(['call', 'publication']),
				sides: new Set(['west', 'press']),
				asOf: '2025-11-25'
			},
			expected: ['report']
		}
	])('$name', ({ change, expected }) => {
		expect(ids(visibleLinks(links, nodes, filter(change)))).toEqual(expected);
	});

	it('hides the actors of hidden sides', () => {
		expect(ids(visibleNodes(nodes, filter({ sides: new Set(['east']) })))).toEqual(['boris']);
	});
});
