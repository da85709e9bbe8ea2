/**
 * Keeps actors off edges that are not theirs. A force layout places nodes by springs and charges
 * alone, so a node can come to rest on the straight line between two others (Flynn on Meeks's
 * criticism of Trump), and a reader takes it for part of that relation. Two tools, both
 * deterministic:
 * - `forceEdgeClearance`, a d3 force that pushes a node out of any foreign edge's corridor while
 *   the simulation runs (and the edge's ends the other way), so the layout settles around it;
 * - `clearEdges`, a post-pass on the final positions that nudges until no node is left in a corridor
 *   and no two nodes overlap, for what the simulation could not settle.
 * An edge's corridor is `clearance` either side of the straight line between its actors, widened
 * by how far its drawn curves bow (several relations between the same two actors are drawn apart).
 */
import type { SimulationNodeDatum } from 'd3-force';
import { PARALLEL_SPACING } from '../../network/geometry.ts';

export interface Segment {
	a: string;
	b: string;
	/** How far from the line between a and b another node must stay. */
	clearance: number;
}

interface Movable {
	id: string;
	x: number;
	y: number;
}

/** A node's radius plus the widest stroke and a visible gap. */
export const NODE_CLEARANCE = 20;

/** One segment per pair of related actors, its corridor widened by its bundle's outermost curve. */
export function segmentsOf(links: { source: string; target: string }[], clearance = NODE_CLEARANCE): Segment[] {
	const counts = new Map<string, { a: string; b: string; count: number }>();
	for (const link of links) {
		if (link.source === link.target) continue;
		const [a, b] = link.source < link.target ? [link.source, link.target] : [link.target, link.source];
		const key = `${a}\u0000${b}`;
		const entry = counts.get(key);
		if (entry) entry.count += 1;
		else counts.set(key, { a, b, count: 1 });
	}
	return [...counts.values()].map(({ a, b, count }) => ({
		a,
		b,
		clearance: clearance + ((count - 1) / 2) * PARALLEL_SPACING
	}));
}

interface Intrusion {
	/** Where along the segment the node projects, 0 at a, 1 at b. */
	t: number;
	/** Unit vector from the segment towards the node. */
	nx: number;
	ny: number;
	/** How far inside the corridor the node is. */
	depth: number;
}

/** Whether `node` is inside the corridor of the segment from `a` to `b`, and how deep. */
function intrusion(node: Movable, a: Movable, b: Movable, clearance: number): Intrusion | undefined {
	const abx = b.x - a.x;
	const aby = b.y - a.y;
	const length2 = abx * abx + aby * aby;
	if (length2 === 0) return undefined;
	const t = ((node.x - a.x) * abx + (node.y - a.y) * aby) / length2;
	// Beyond an end the node is near an actor, not on the edge: node spacing handles that.
	if (t <= 0 || t >= 1) return undefined;
	const dx = node.x - (a.x + t * abx);
	const dy = node.y - (a.y + t * aby);
	const distance = Math.hypot(dx, dy);
	if (distance >= clearance) return undefined;
	const length = Math.sqrt(length2);
	// Exactly on the line: leave by the segment's left-hand normal, a fixed choice.
	const [nx, ny] = distance > 1e-9 ? [dx / distance, dy / distance] : [-aby / length, abx / length];
	return { t, nx, ny, depth: clearance - distance };
}

type SimNode = SimulationNodeDatum & { id: string };

interface Hit<N> {
	node: N;
	/** The ends of the edge it is on. */
	a: N;
	b: N;
	segment: Segment;
	found: Intrusion;
}

/**
 * Every node inside a foreign edge's corridor (narrowed by `slack`), found as the caller goes:
 * a caller that moves nodes meanwhile has the later checks see the new positions.
 */
function* intrusions<N extends { id: string; x?: number; y?: number }>(
	nodes: readonly N[],
	byId: ReadonlyMap<string, N>,
	segments: readonly Segment[],
	slack = 0
): Generator<Hit<N>> {
	for (const segment of segments) {
		const a = byId.get(segment.a);
		const b = byId.get(segment.b);
		if (!a || !b) continue;
		for (const node of nodes) {
			if (node === a || node === b) continue;
			// Simulation nodes have positions once the simulation has initialized them.
			const found = intrusion(node as Movable, a as Movable, b as Movable, segment.clearance - slack);
			if (found) yield { node, a, b, segment, found };
		}
	}
}

/** A d3 force: while the simulation runs, nodes drift out of foreign edges' corridors. */
export function forceEdgeClearance(segments: Segment[], strength = 0.5) {
	let nodes: SimNode[] = [];
	let byId = new Map<string, SimNode>();
	function force(alpha: number): void {
		for (const { node, a, b, found } of intrusions(nodes, byId, segments)) {
			const push = found.depth * alpha * strength;
			node.vx = (node.vx ?? 0) + found.nx * push;
			node.vy = (node.vy ?? 0) + found.ny * push;
			// The edge gives way too, each end by how near the node is to it.
			a.vx = (a.vx ?? 0) - found.nx * push * (1 - found.t) * 0.5;
			a.vy = (a.vy ?? 0) - found.ny * push * (1 - found.t) * 0.5;
			b.vx = (b.vx ?? 0) - found.nx * push * found.t * 0.5;
			b.vy = (b.vy ?? 0) - found.ny * push * found.t * 0.5;
		}
	}
	force.initialize = (initial: SimNode[]) => {
		nodes = initial;
		byId = new Map(initial.map((node) => [node.id, node]));
	};
	return force;
}

export interface ClearOptions {
	/** Closest two nodes' centres may be. */
	spacing: number;
	rounds?: number;
}

/**
 * Moves nodes (in place) until none is inside a foreign edge's corridor and none closer than
 * `spacing` to another, or the rounds run out. Returns how many rounds it took; the caller's tests
 * check the result on the real module, so a layout that does not settle fails there.
 */
export function clearEdges(nodes: Movable[], segments: Segment[], options: ClearOptions): number {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const rounds = options.rounds ?? 300;
	for (let round = 0; round < rounds; round++) {
		let moved = false;
		for (const { node, a, b, found } of intrusions(nodes, byId, segments)) {
			// A little past the corridor's edge, so rounding cannot put it back inside.
			const step = found.depth + 1;
			node.x += found.nx * step * 0.7;
			node.y += found.ny * step * 0.7;
			a.x -= found.nx * step * 0.3 * (1 - found.t);
			a.y -= found.ny * step * 0.3 * (1 - found.t);
			b.x -= found.nx * step * 0.3 * found.t;
			b.y -= found.ny * step * 0.3 * found.t;
			moved = true;
		}
		for (let i = 0; i < nodes.length; i++) {
			for (let j = i + 1; j < nodes.length; j++) {
				const first = nodes[i];
				const second = nodes[j];
				if (!first || !second) continue;
				let dx = second.x - first.x;
				let dy = second.y - first.y;
				let distance = Math.hypot(dx, dy);
				if (distance >= options.spacing) continue;
				if (distance < 1e-9) [dx, dy, distance] = [1, 0, 1];
				const half = (options.spacing - distance) / 2 + 0.5;
				first.x -= (dx / distance) * half;
				first.y -= (dy / distance) * half;
				second.x += (dx / distance) * half;
				second.y += (dy / distance) * half;
				moved = true;
			}
		}
		if (!moved) return round;
	}
	return rounds;
}

/** Every node inside a foreign edge's corridor: `node on a–b`. Empty for a clean layout. */
export function nodesOnEdges(nodes: Movable[], segments: Segment[], slack = 0): string[] {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	return Array.from(
		intrusions(nodes, byId, segments, slack),
		({ node, segment }) => `${node.id} on ${segment.a}–${segment.b}`
	);
}
