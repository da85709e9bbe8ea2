import { describe, expect, it } from 'vitest';
import { loadCourse } from '../../../../src/lib/server/content/load-course';
import { layoutNetwork, type NetworkActorInput, type NetworkEventInput } from '../../../../src/lib/server/layout/network';

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

const distance = (a?: { x: number; y: number }, b?: { x: number; y: number }) => Math.hypot((a?.x ?? 0) - (b?.x ?? 0), (a?.y ?? 0) - (b?.y ?? 0));

describe('layoutNetwork', () => {
	it('gives the same coordinates for the same input, every time', () => {
		const first = layoutNetwork(actors, events, sides);
		const second = layoutNetwork(structuredClone(actors), structuredClone(events), structuredClone(sides));
		expect(second).toEqual(first);
	});

	it('gives the real module the same coordinates on every load', async () => {
		const [a, b] = await Promise.all([loadCourse('lessons'), loadCourse('lessons')]);
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

	it('places every actor once, inside the drawing, with room for its label', () => {
		const layout = layoutNetwork(actors, events, sides);
		expect(layout.nodes.map((node) => node.id)).toEqual(actors.map((actor) => actor.id));
		for (const node of layout.nodes) {
			expect(node.x).toBeGreaterThanOrEqual(40);
			expect(node.x).toBeLessThanOrEqual(layout.width - 40);
			expect(node.y).toBeGreaterThanOrEqual(20);
			expect(node.y).toBeLessThanOrEqual(layout.height - 20);
		}
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

	it('lays out an empty cast as an empty drawing', () => {
		expect(layoutNetwork([], [], sides).nodes).toEqual([]);
	});
});
