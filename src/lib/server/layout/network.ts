/**
 * Lays the actor network out once, at build time, with d3-force, deterministically: the input is
 * copied (d3 mutates the nodes it is given), every node starts at a fixed position near its side's
 * anchor, the simulation is stopped before it ever runs on a timer and ticked a fixed number of
 * times, and d3's own seeded random source breaks ties. Same files, same coordinates, so the map
 * ships as numbers in the prerendered HTML and no simulation runs in the browser.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import type { NetworkLayout } from '../../model/course.ts';

export interface NetworkActorInput {
	id: string;
	side: string;
}

export interface NetworkEventInput {
	from: string;
	to: string[];
}

export interface NetworkOptions {
	ticks?: number;
}

interface SimNode extends SimulationNodeDatum {
	id: string;
	anchorX: number;
	anchorY: number;
}

export const NETWORK_TICKS = 300;
/** Room around the outermost nodes for their labels (names are drawn under the node). */
const MARGIN_X = 80;
const MARGIN_Y = 36;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Unique undirected pairs: two events between the same actors pull them together once. */
function pairs(actorIds: Set<string>, events: NetworkEventInput[]): { source: string; target: string }[] {
	const seen = new Set<string>();
	const links: { source: string; target: string }[] = [];
	for (const event of events) {
		for (const to of event.to) {
			if (to === event.from || !actorIds.has(to) || !actorIds.has(event.from)) continue;
			const key = event.from < to ? `${event.from}\u0000${to}` : `${to}\u0000${event.from}`;
			if (seen.has(key)) continue;
			seen.add(key);
			links.push({ source: event.from, target: to });
		}
	}
	return links;
}

const round = (value: number) => Math.round(value * 10) / 10;

export function layoutNetwork(
	actors: NetworkActorInput[],
	events: NetworkEventInput[],
	sides: { id: string }[],
	options: NetworkOptions = {}
): NetworkLayout {
	if (actors.length === 0) return { width: 2 * MARGIN_X, height: 2 * MARGIN_Y, nodes: [] };
	const sideIndex = new Map(sides.map((side, index) => [side.id, index]));
	// Sides sit around an ellipse (wider than tall, like most screens), so each side's actors
	// start, and mostly stay, together: the legend's groups are visible groups on the map.
	const spread = 60 * Math.sqrt(actors.length);
	const perSide = new Map<string, number>();
	const nodes: SimNode[] = actors.map((actor) => {
		const index = sideIndex.get(actor.side) ?? sides.length;
		const angle = (2 * Math.PI * index) / Math.max(sides.length, 1) - Math.PI / 2;
		const anchorX = spread * 1.3 * Math.cos(angle);
		const anchorY = spread * 0.8 * Math.sin(angle);
		const rank = perSide.get(actor.side) ?? 0;
		perSide.set(actor.side, rank + 1);
		const radius = 14 * Math.sqrt(rank + 0.5);
		return {
			id: actor.id,
			anchorX,
			anchorY,
			x: anchorX + radius * Math.cos(rank * GOLDEN_ANGLE),
			y: anchorY + radius * Math.sin(rank * GOLDEN_ANGLE)
		};
	});
	const links = pairs(new Set(actors.map((actor) => actor.id)), events);

	const simulation = forceSimulation<SimNode>(nodes)
		.stop()
		.force(
			'link',
			forceLink<SimNode, { source: string | SimNode; target: string | SimNode }>(links)
				.id((node) => node.id)
				.distance(150)
				.strength(0.4)
		)
		.force('charge', forceManyBody<SimNode>().strength(-600).distanceMax(400))
		.force('collide', forceCollide<SimNode>(46))
		.force('x', forceX<SimNode>((node) => node.anchorX).strength(0.08))
		.force('y', forceY<SimNode>((node) => node.anchorY).strength(0.12));
	simulation.tick(options.ticks ?? NETWORK_TICKS);

	const xs = nodes.map((node) => node.x ?? 0);
	const ys = nodes.map((node) => node.y ?? 0);
	const minX = Math.min(...xs);
	const minY = Math.min(...ys);
	return {
		width: round(Math.max(...xs) - minX + 2 * MARGIN_X),
		height: round(Math.max(...ys) - minY + 2 * MARGIN_Y),
		nodes: nodes.map((node) => ({
			id: node.id,
			x: round((node.x ?? 0) - minX + MARGIN_X),
			y: round((node.y ?? 0) - minY + MARGIN_Y)
		}))
	};
}
