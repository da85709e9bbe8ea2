/**
 * One run of the network's force simulation, deterministic: every node starts at a fixed position
 * near its anchor, the simulation is stopped before it ever runs on a timer and ticked a fixed
 * number of times, and d3's own seeded random source breaks ties. The anchor of an actor is its
 * side's place on an ellipse (turned by `rotation`, so the layout can try several arrangements)
 * and, in a module spanning years, its place in time (see `eraOf`).
 */
import {
	forceCollide,
	forceLink,
	forceManyBody,
	forceSimulation,
	forceX,
	forceY,
	type SimulationNodeDatum
} from 'd3-force';
import { NAME_SIZE, textWidth } from '../../network/labels.ts';
import { forceEdgeClearance, type Segment } from './edge-clearance.ts';

export interface SimActor {
	id: string;
	side: string;
	name: string;
}

export interface SimEvent {
	from: string;
	to: string[];
	date?: string;
}

export interface SimInput {
	actors: SimActor[];
	events: SimEvent[];
	sides: { id: string }[];
	/** Unique undirected pairs of related actors: the springs. */
	links: { source: string; target: string }[];
	/** The edges' corridors, which other nodes are pushed out of. */
	segments: Segment[];
	degree: ReadonlyMap<string, number>;
}

interface SimNode extends SimulationNodeDatum {
	id: string;
	anchorX: number;
	anchorY: number;
}

/** A relation's usual length; two hubs sit further apart than a hub and a leaf. */
const LINK_DISTANCE = 110;
/** The least room an actor keeps around it: more if its name is wide. */
const MIN_ROOM = 30;
/** How strongly the anchors pull: weak, so relations shape the drawing and the sides only lean it. */
const ANCHOR = 0.04;
/** How much of the anchor's x comes from time rather than side, when the module spans years. */
const ERA_WEIGHT = 0.6;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Where each actor sits in time, from -1 (the earliest relations) to 1 (the latest): the median of
 * its relations' dates. Only when the events span more than a year: a module with two cases years
 * apart (Flynn in 2017, Witkoff in 2025) then lays each case out on its own side, with the actors
 * of both in between.
 */
export function eraOf(actors: { id: string }[], events: SimEvent[]): Map<string, number> {
	const days = (date: string) => Date.parse(date.length === 7 ? `${date}-15` : date) / 86_400_000;
	const dated = events.flatMap((event) => (event.date ? [{ ...event, day: days(event.date) }] : []));
	const result = new Map<string, number>();
	if (dated.length === 0) return result;
	const first = Math.min(...dated.map((event) => event.day));
	const last = Math.max(...dated.map((event) => event.day));
	if (last - first <= 365) return result;
	for (const actor of actors) {
		const own = dated
			.filter((event) => event.from === actor.id || event.to.includes(actor.id))
			.map((event) => event.day)
			.sort((a, b) => a - b);
		const middle = own[Math.floor(own.length / 2)];
		if (middle !== undefined) result.set(actor.id, ((middle - first) / (last - first)) * 2 - 1);
	}
	return result;
}

/**
 * Positions of the actors that have relations (the others are shelved by the caller). `clearance`
 * adds the force that pushes nodes out of others' edges (every node against every edge, per tick).
 */
export function simulate(
	input: SimInput,
	rotation: number,
	ticks: number,
	clearance = true
): { id: string; x: number; y: number }[] {
	const { actors, sides, links, segments, degree } = input;
	const sideIndex = new Map(sides.map((side, index) => [side.id, index]));
	const related = actors.filter((actor) => (degree.get(actor.id) ?? 0) > 0);
	const era = eraOf(related, input.events);
	const spread = 30 * Math.sqrt(related.length);
	const perSide = new Map<string, number>();
	const nodes: SimNode[] = related.map((actor) => {
		const index = sideIndex.get(actor.side) ?? sides.length;
		const angle = rotation + (2 * Math.PI * index) / Math.max(sides.length, 1) - Math.PI / 2;
		const sideX = spread * 1.3 * Math.cos(angle);
		const time = era.get(actor.id);
		const anchorX = time === undefined ? sideX : spread * 1.3 * time * ERA_WEIGHT + sideX * (1 - ERA_WEIGHT);
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
	const names = new Map(actors.map((actor) => [actor.id, actor.name]));
	const degreeOf = (node: SimNode | string) => degree.get(typeof node === 'string' ? node : node.id) ?? 0;
	// Names are drawn beside their nodes: a node keeps others at least half its name's width away.
	const room = (node: SimNode) => Math.max(MIN_ROOM, textWidth(names.get(node.id) ?? node.id, NAME_SIZE) / 2 + 6);

	const simulation = forceSimulation<SimNode>(nodes)
		.stop()
		.force(
			'link',
			// d3 replaces the ends' ids with the nodes: give it copies.
			forceLink<SimNode, { source: string | SimNode; target: string | SimNode }>(links.map((link) => ({ ...link })))
				.id((node) => node.id)
				.distance(
					(link) =>
						LINK_DISTANCE + 14 * Math.sqrt(Math.min(degreeOf(link.source as SimNode), degreeOf(link.target as SimNode)))
				)
				.strength(0.5)
		)
		// Hubs push harder, opening a ring of space for their many relations.
		.force(
			'charge',
			forceManyBody<SimNode>()
				.strength((node) => -300 - 60 * degreeOf(node))
				.distanceMax(500)
		)
		.force('collide', forceCollide<SimNode>(room).strength(0.9))
		.force('x', forceX<SimNode>((node) => node.anchorX).strength(ANCHOR))
		.force('y', forceY<SimNode>((node) => node.anchorY).strength(ANCHOR * 1.5));
	if (clearance) simulation.force('clearance', forceEdgeClearance(segments));
	simulation.tick(ticks);
	return nodes.map((node) => ({ id: node.id, x: node.x ?? 0, y: node.y ?? 0 }));
}
