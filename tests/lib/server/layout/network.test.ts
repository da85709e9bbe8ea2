import { describe, expect, it } from 'vitest';
import type { Module } from '$lib/model/course';
import { mapGraph } from '$lib/network/graph';
import { loadCourse } from '$lib/server/content/load-course';
import { VALID_COURSE } from '../../../fixtures/broken-course';
import { actorsOnEdges, expectInside } from '../../../fixtures/network/drawing-checks';
import { focusLayout } from '$lib/server/layout/focus-layout';
import { segmentsCross } from '$lib/server/layout/layout-score';
import { overlappingNames } from '$lib/server/layout/name-placement';
import {
	layoutNetwork,
	READABLE_LIMIT,
	type NetworkActorInput,
	type NetworkEventInput
} from '$lib/server/layout/network';
import { eraOf } from '$lib/server/layout/simulate';

const sides = [{ id: 'west' }, { id: 'east' }, { id: 'press' }];
const actors: NetworkActorInput[] = [
	{ id: 'ana', side: 'west' },
	{ id: 'boris', side: 'east' },
	{ id: 'cara', side: 'west' },
	{ id: 'dmitri', side: 'east' },
	{ id: 'eve', side: 'press' },
	{ id: 'gus', side: 'east' }
];
const events: NetworkEventInput[] = [
	{ from: 'ana', to: ['boris'] },
	{ from: 'boris', to: ['ana'] },
	{ from: 'eve', to: ['ana', 'boris'] },
	{ from: 'cara', to: ['ana'] },
	{ from: 'dmitri', to: ['boris'] },
	{ from: 'eve', to: [] }
];

const distance = (a?: { x: number; y: number }, b?: { x: number; y: number }) =>
	Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0));

describe('layoutNetwork', () => {
	it('gives the same coordinates for the same input, every time', () => {
		const first = layoutNetwork(actors, events, sides);
		const second = layoutNetwork(structuredClone(actors), structuredClone(events), structuredClone(sides));
		expect(second).toEqual(first);
	});

	it('gives a module the same coordinates on every load', async () => {
		const [a, b] = await Promise.all([loadCourse(VALID_COURSE), loadCourse(VALID_COURSE)]);
		expect(a.course?.modules[0]?.network.nodes.length).toBeGreaterThan(0);
		expect(b.course?.modules[0]?.network).toEqual(a.course?.modules[0]?.network);
	});

	it('does not touch its input (d3 mutates the nodes it simulates; the layout copies them)', () => {
		const input = structuredClone(actors);
		const edges = structuredClone(events);
		layoutNetwork(input, edges, sides);
		expect(input).toEqual(actors);
		expect(edges).toEqual(events);
	});

	it('places every actor once, its shape and its name inside the drawing', () => {
		const layout = layoutNetwork(actors, events, sides);
		expect(layout.nodes.map((node) => node.id)).toEqual(actors.map((actor) => actor.id));
		expectInside(layout, new Map(actors.map((actor) => [actor.id, actor.id])));
	});

	it('shelves an actor without a relation under the drawing, instead of letting it drift away', () => {
		const layout = layoutNetwork(actors, events, sides);
		const gus = layout.nodes.find((node) => node.id === 'gus');
		const others = layout.nodes.filter((node) => node.id !== 'gus');
		expect(gus?.y).toBeGreaterThan(Math.max(...others.map((node) => node.y)));
	});

	it('keeps actors apart and pulls related actors together', () => {
		const layout = layoutNetwork(actors, events, sides);
		const at = new Map(layout.nodes.map((node) => [node.id, node]));
		for (const a of layout.nodes) for (const b of layout.nodes) if (a !== b) expect(distance(a, b)).toBeGreaterThan(30);
		// Dmitri is related to Boris only; Gus to nobody.
		expect(distance(at.get('dmitri'), at.get('boris'))).toBeLessThan(distance(at.get('dmitri'), at.get('eve')));
	});

	it('ignores relations to actors outside the cast and to oneself', () => {
		const layout = layoutNetwork(actors, [...events, { from: 'ana', to: ['nobody', 'ana'] }], sides);
		expect(layout).toEqual(layoutNetwork(actors, events, sides));
	});

	it('lays a large network out in one plain run, every actor placed, the same every time', () => {
		const count = READABLE_LIMIT + 50;
		const many = Array.from({ length: count }, (_, index) => ({
			id: `a${index}`,
			side: sides[index % 3]?.id ?? 'west'
		}));
		const relations = Array.from({ length: count }, (_, index) => ({
			from: `a${index}`,
			to: [`a${(index * 7 + 1) % count}`]
		}));
		const layout = layoutNetwork(many, relations, sides);
		expect(layout.nodes).toHaveLength(count);
		expect(layoutNetwork(many, relations, sides)).toEqual(layout);
	});

	it('lays out an empty cast as an empty drawing', () => {
		expect(layoutNetwork([], [], sides).nodes).toEqual([]);
	});
});

const fixtureModule: Module | undefined = (await loadCourse(VALID_COURSE)).course?.modules[0];

describe('a module’s maps, as learners see them', () => {
	const module = fixtureModule;
	if (!module) throw new Error('the fixture module did not load');
	const names = new Map(module.actors.map((actor) => [actor.id, actor.name]));
	const maps = [
		{ name: 'the full map', graph: mapGraph(module), layout: module.network },
		// A lesson's map as its page draws it: the layout the loader computed (lesson.mapLayout).
		...module.lessons.map((lesson) => ({
			name: `lesson ${lesson.slug}`,
			graph: mapGraph(module, lesson.focus, lesson.mapLayout),
			layout: lesson.mapLayout
		}))
	];

	it.each(maps)('$name: no actor sits on a relation that is not theirs', ({ graph }) => {
		// A node's largest shape reaches 14.5 from its centre; lines run clear of that.
		expect(actorsOnEdges(graph, 16)).toEqual([]);
	});

	it.each(maps)('$name: no two names overlap', ({ graph }) => {
		expect(overlappingNames(graph.nodes)).toEqual([]);
	});

	it.each(maps)('$name: every shape and name lies inside the drawing, none clipped at its edge', ({ layout }) => {
		expectInside(layout, names);
	});

	it('lays each lesson out from its own actors only', () => {
		for (const lesson of module.lessons) {
			const layout = lesson.mapLayout;
			const drawn = mapGraph(module, lesson.focus, layout);
			expect(layout.nodes.map((node) => node.id).sort()).toEqual(drawn.nodes.map((node) => node.id).sort());
		}
	});

	it('lays a lesson out the same way every time', () => {
		const lesson = module.lessons[0];
		if (!lesson) throw new Error('expected a lesson');
		expect(focusLayout(module, lesson.focus)).toEqual(
			focusLayout(structuredClone(module), structuredClone(lesson.focus))
		);
	});
});

describe('eraOf and crossings', () => {
	it('places actors in time when the relations span years, from -1 (earliest) to 1 (latest)', () => {
		const era = eraOf(
			[{ id: 'flynn' }, { id: 'witkoff' }, { id: 'trump' }],
			[
				{ from: 'flynn', to: ['trump'], date: '2017-01-20' },
				{ from: 'witkoff', to: ['trump'], date: '2025-11' },
				{ from: 'trump', to: ['witkoff'], date: '2025-11-25' }
			]
		);
		expect(era.get('flynn')).toBe(-1);
		expect(era.get('witkoff')).toBeGreaterThan(0.9);
		expect(era.get('trump')).toBeGreaterThan(0.9);
		// Within one year, time does not place anyone.
		expect(
			eraOf(
				[{ id: 'a' }],
				[
					{ from: 'a', to: ['b'], date: '2025-10-14' },
					{ from: 'a', to: ['b'], date: '2025-11-25' }
				]
			).size
		).toBe(0);
	});

	it('counts two lines as crossing only where they cross, not where they share an end', () => {
		expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toBe(true);
		expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(false);
		expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 5 }, { x: 10, y: 5 })).toBe(false);
	});
});
