/**
 * Lays the actor network out once, at build time, with d3-force, deterministically (same files,
 * same coordinates), so the map ships as numbers in the prerendered HTML and no simulation runs in
 * the browser. The simulation (simulate.ts) runs from a few starting arrangements and the layout
 * keeps the one with the fewest crossings (layout-score.ts). Then nodes are nudged off edges that
 * are not theirs (edge-clearance.ts), each name gets the side of its node where it overlaps nothing
 * (name-placement.ts), actors without a relation go on a shelf below, and the drawing is framed by
 * its names as well as its nodes, so none is clipped.
 */
import type { LabelSide, NetworkLayout } from '../../model/course.ts';
import { NAME_SIZE, nameBox, nodeBox, textWidth, union, type Placed } from '../../network/labels.ts';
import { clearEdges, segmentsOf } from './edge-clearance.ts';
import { layoutScore } from './layout-score.ts';
import { placeNames } from './name-placement.ts';
import { simulate } from './simulate.ts';

export interface NetworkActorInput {
	id: string;
	side: string;
	/** The name drawn beside the node: its length decides where it fits. The id stands in without one. */
	name?: string;
}

export interface NetworkEventInput {
	from: string;
	to: string[];
	/** YYYY-MM-DD or YYYY-MM: events far apart in time pull their actors apart (see `eraOf`). */
	date?: string;
}

export interface NetworkOptions {
	ticks?: number;
}

export const NETWORK_TICKS = 300;
/** Room between the outermost shapes and names and the drawing's edge. */
const MARGIN = 8;
/** The closest two actors' centres may be. */
const SPACING = 44;
/** How many starting arrangements the simulation tries. */
const CANDIDATES = 6;
/**
 * Above this many actors the map draws names only where the learner zooms or highlights (see
 * NetworkMap), and the readability passes, which compare every node with every edge, would take
 * minutes: a large network gets one plain simulation run.
 */
export const READABLE_LIMIT = 150;
/** Gap between the drawing and the shelf of actors without relations, and between them on it. */
const SHELF_GAP = 28;

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

/**
 * Actors without a relation in this drawing, in a row (or rows) under it, in the given order: each
 * one's name below it, so the shelf reads as a list of who else is there.
 */
function shelve(actors: { id: string; name: string }[], drawn: Placed[]) {
	const bounds = union(drawn.flatMap((node) => [nodeBox(node), nameBox(node)]));
	const left = bounds?.x ?? 0;
	const right = Math.max(bounds ? bounds.x + bounds.width : 0, left + 320);
	let x = left;
	let y = bounds ? bounds.y + bounds.height + SHELF_GAP + 15 : 0;
	return actors.map((actor) => {
		const half = Math.max(15, (textWidth(actor.name, NAME_SIZE) + 4) / 2);
		if (x > left && x + 2 * half > right) {
			x = left;
			y += 2 * SHELF_GAP + 15;
		}
		const node = { id: actor.id, name: actor.name, x: x + half, y, label: 'below' as const };
		x += 2 * half + SHELF_GAP;
		return node;
	});
}

export function layoutNetwork(
	actors: NetworkActorInput[],
	events: NetworkEventInput[],
	sides: { id: string }[],
	options: NetworkOptions = {}
): NetworkLayout {
	if (actors.length === 0) return { width: 2 * MARGIN, height: 2 * MARGIN, nodes: [] };
	const named = actors.map((actor) => ({ id: actor.id, side: actor.side, name: actor.name ?? actor.id }));
	const actorIds = new Set(actors.map((actor) => actor.id));
	const relations = events.flatMap((event) =>
		event.to
			.filter((to) => to !== event.from && actorIds.has(to) && actorIds.has(event.from))
			.map((to) => ({ source: event.from, target: to }))
	);
	const links = pairs(actorIds, events);
	const segments = segmentsOf(relations);
	const degree = new Map<string, number>();
	for (const link of links) {
		degree.set(link.source, (degree.get(link.source) ?? 0) + 1);
		degree.set(link.target, (degree.get(link.target) ?? 0) + 1);
	}
	const input = { actors: named, events, sides, links, segments, degree };
	const names = new Map(named.map((actor) => [actor.id, actor.name]));

	const readable = actors.length <= READABLE_LIMIT;
	const candidates = readable ? CANDIDATES : 1;
	let best: { nodes: { id: string; x: number; y: number; name: string }[]; score: number } | undefined;
	for (let candidate = 0; candidate < candidates; candidate++) {
		const placed = simulate(input, (2 * Math.PI * candidate) / candidates, options.ticks ?? NETWORK_TICKS, readable);
		if (readable) clearEdges(placed, segments, { spacing: SPACING });
		const nodes = placed.map((node) => ({ ...node, name: names.get(node.id) ?? node.id }));
		const score = candidates > 1 ? layoutScore(nodes, links) : 0;
		if (!best || score < best.score) best = { nodes, score };
	}
	const drawn = best?.nodes ?? [];
	const nameSides = readable ? placeNames(drawn, links) : new Map<string, LabelSide>();
	const placedNames = drawn.map((node) => ({ ...node, label: nameSides.get(node.id) ?? ('below' as const) }));
	const labelled = [
		...placedNames,
		...shelve(
			named.filter((actor) => !degree.has(actor.id)),
			placedNames
		)
	];
	const bounds = union(labelled.flatMap((node) => [nodeBox(node), nameBox(node)])) ?? {
		x: 0,
		y: 0,
		width: 0,
		height: 0
	};
	const offsetX = MARGIN - bounds.x;
	const offsetY = MARGIN - bounds.y;
	// In the input's order, whatever order they were placed in.
	const byId = new Map(labelled.map((node) => [node.id, node]));
	return {
		width: Math.ceil(bounds.width + 2 * MARGIN),
		height: Math.ceil(bounds.height + 2 * MARGIN),
		nodes: actors.flatMap((actor) => {
			const node = byId.get(actor.id);
			return node ? [{ id: node.id, x: round(node.x + offsetX), y: round(node.y + offsetY), label: node.label }] : [];
		})
	};
}
