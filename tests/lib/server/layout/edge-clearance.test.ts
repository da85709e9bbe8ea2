import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PARALLEL_SPACING } from '$lib/network/geometry';
import { clearEdges, NODE_CLEARANCE, nodesOnEdges, segmentsOf } from '$lib/server/layout/edge-clearance';

interface Fixture {
	nodes: { id: string; x: number; y: number }[];
	links: { source: string; target: string }[];
}

/** A crowded network as the force layout alone placed it: eleven actors on relations not theirs. */
const before: Fixture = JSON.parse(
	readFileSync('tests/fixtures/network/layouts/crowded-before-clearance.json', 'utf8')
);

describe('segmentsOf: the corridors nodes must stay out of', () => {
	it('makes one corridor per pair, widened by how far its curves bow', () => {
		const segments = segmentsOf([
			{ source: 'a', target: 'b' },
			{ source: 'b', target: 'a' },
			{ source: 'a', target: 'c' },
			{ source: 'c', target: 'c' }
		]);
		expect(segments).toEqual([
			{ a: 'a', b: 'b', clearance: NODE_CLEARANCE + PARALLEL_SPACING / 2 },
			{ a: 'a', b: 'c', clearance: NODE_CLEARANCE }
		]);
	});
});

describe('clearEdges: no actor on a relation that is not theirs', () => {
	it('moves a node off the line between two others, and only as far as it must', () => {
		const nodes = [
			{ id: 'a', x: 0, y: 0 },
			{ id: 'b', x: 300, y: 0 },
			{ id: 'c', x: 150, y: 3 }
		];
		const segments = segmentsOf([{ source: 'a', target: 'b' }]);
		expect(nodesOnEdges(nodes, segments)).toEqual(['c on a–b']);
		clearEdges(nodes, segments, { spacing: 44 });
		expect(nodesOnEdges(nodes, segments)).toEqual([]);
		const [a, b, c] = nodes.map((node) => ({ x: node.x, y: node.y }));
		if (!a || !b || !c) throw new Error('nodes lost');
		// Distance from c to the line a–b: the node gave way, and so did the line, a little.
		const distance = Math.abs((b.x - a.x) * (a.y - c.y) - (a.x - c.x) * (b.y - a.y)) / Math.hypot(b.x - a.x, b.y - a.y);
		expect(distance).toBeGreaterThanOrEqual(NODE_CLEARANCE);
		expect(distance).toBeLessThan(NODE_CLEARANCE + 5);
		// It leaves by the side it was on.
		expect(c.y).toBeGreaterThan(a.y);
	});

	it('leaves a node beyond the end of a line where it is (near an actor, not on the relation)', () => {
		const nodes = [
			{ id: 'a', x: 0, y: 0 },
			{ id: 'b', x: 100, y: 0 },
			{ id: 'c', x: 160, y: 0 }
		];
		clearEdges(nodes, segmentsOf([{ source: 'a', target: 'b' }]), { spacing: 44 });
		expect(nodes[2]).toEqual({ id: 'c', x: 160, y: 0 });
	});

	it('clears a layout that puts eleven or more actors on others’ relations', () => {
		const nodes = structuredClone(before.nodes);
		const segments = segmentsOf(before.links);
		const found = nodesOnEdges(nodes, segments);
		expect(found).toContain('actor-14 on actor-11–actor-19');
		expect(found.length).toBeGreaterThanOrEqual(11);
		clearEdges(nodes, segments, { spacing: 44 });
		expect(nodesOnEdges(nodes, segments)).toEqual([]);
		for (const a of nodes)
			for (const b of nodes) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(43.9);
	});

	it('is deterministic: the same positions in, the same positions out', () => {
		const first = structuredClone(before.nodes);
		const second = structuredClone(before.nodes);
		clearEdges(first, segmentsOf(before.links), { spacing: 44 });
		clearEdges(second, segmentsOf(before.links), { spacing: 44 });
		expect(second).toEqual(first);
	});
});
