/**
 * The actor network as the map draws it: one node per actor, at the position the build-time
 * layout gave it, and one link per relation, `from` → each of `to` of every event. Events with no
 * `to` (a statement about nobody in the cast) stay in the actor card and the timeline but draw no
 * edge. Pure data in, data out: runs on the server for the prerendered SVG and in the browser.
 * Imports only types, so the build-time layout can use it too.
 */
import type { Actor, CourseEvent, LabelSide, Labelled, NetworkLayout, RelationKind } from '$lib/model/course';

export interface MapNode {
	id: string;
	name: string;
	side: string;
	/** Position of the side in the module's legend: picks the node's shape and colour. */
	sideIndex: number;
	kind: Actor['kind'];
	x: number;
	y: number;
	/** Where the name sits around the node, chosen at build time so names do not overlap. */
	label: LabelSide;
}

export interface MapLink {
	/** `<event id>:<target id>`: unique, since an event names each target once. */
	id: string;
	event: string;
	source: string;
	target: string;
	kind: RelationKind;
	date?: string;
	title: string;
	href?: string;
	sources: string[];
	/** Others the event names as present (a meeting's other attendees): listed, not drawn. */
	participants: string[];
}

export interface MapGraph {
	nodes: MapNode[];
	links: MapLink[];
	width: number;
	height: number;
}

/** The parts of an event the graph reads. */
export type GraphEvent = Pick<
	CourseEvent,
	'id' | 'title' | 'date' | 'kind' | 'from' | 'to' | 'participants' | 'href' | 'sources'
>;

export interface GraphInput {
	actors: Pick<Actor, 'id' | 'name' | 'side' | 'kind'>[];
	events: GraphEvent[];
	sides: Labelled[];
	network: NetworkLayout;
}

/** One link per relation: `from` → each of `to`, between actors of the cast, never to oneself. */
export function buildLinks(actors: readonly Pick<Actor, 'id'>[], events: readonly GraphEvent[]): MapLink[] {
	const known = new Set(actors.map((actor) => actor.id));
	return events.flatMap((event) =>
		event.to
			.filter((target) => target !== event.from && known.has(target) && known.has(event.from))
			.map((target): MapLink => ({
				id: `${event.id}:${target}`,
				event: event.id,
				source: event.from,
				target,
				kind: event.kind,
				date: event.date,
				title: event.title,
				href: event.href,
				sources: event.sources,
				participants: event.participants.filter((id) => known.has(id))
			}))
	);
}

export function buildGraph({ actors, events, sides, network }: GraphInput): MapGraph {
	const positions = new Map(network.nodes.map((node) => [node.id, node]));
	const sideIndex = new Map(sides.map((side, index) => [side.id, index]));
	const nodes = actors.map((actor): MapNode => {
		const position = positions.get(actor.id);
		if (!position) throw new Error(`network layout: expected a position for actor "${actor.id}", found none`);
		return {
			id: actor.id,
			name: actor.name,
			side: actor.side,
			sideIndex: sideIndex.get(actor.side) ?? sides.length,
			kind: actor.kind,
			x: position.x,
			y: position.y,
			label: position.label ?? 'below'
		};
	});
	return { nodes, links: buildLinks(actors, events), width: network.width, height: network.height };
}

export interface Focus {
	actors: string[];
	events: string[];
}

/**
 * Who and what a lesson's map shows: its focus actors, the relations of its focus events, and the
 * actors at either end of those relations (a focus event may involve someone the lesson does not
 * list). With no focus events, the relations among the focus actors.
 */
export function focusMembers(links: MapLink[], focus: Focus): { actors: Set<string>; links: MapLink[] } {
	const focusActors = new Set(focus.actors);
	const focusEvents = new Set(focus.events);
	const kept =
		focusEvents.size > 0
			? links.filter((link) => focusEvents.has(link.event))
			: links.filter((link) => focusActors.has(link.source) && focusActors.has(link.target));
	return { actors: new Set([...focusActors, ...kept.flatMap((link) => [link.source, link.target])]), links: kept };
}

/** A lesson's part of the network, cropped from a graph (see focusMembers). */
export function focusGraph(graph: MapGraph, focus: Focus): MapGraph {
	const members = focusMembers(graph.links, focus);
	return { ...graph, nodes: graph.nodes.filter((node) => members.actors.has(node.id)), links: members.links };
}

/**
 * The graph a map draws: the whole module, or a lesson's focus. A lesson's map may come with its
 * own layout (laid out from its own actors at build time), which places only those actors.
 */
export function mapGraph(input: GraphInput, focus?: Focus, layout?: NetworkLayout): MapGraph {
	if (!focus) return buildGraph(layout ? { ...input, network: layout } : input);
	const network = layout ?? input.network;
	const placed = new Set(network.nodes.map((node) => node.id));
	return focusGraph(
		buildGraph({ ...input, actors: input.actors.filter((actor) => placed.has(actor.id)), network }),
		focus
	);
}

/** For each actor, the actors it shares a drawn link with (either direction). */
export function neighbours(links: MapLink[]): Map<string, Set<string>> {
	const result = new Map<string, Set<string>>();
	const add = (from: string, to: string) => {
		let set = result.get(from);
		if (!set) result.set(from, (set = new Set()));
		set.add(to);
	};
	for (const link of links) {
		add(link.source, link.target);
		add(link.target, link.source);
	}
	return result;
}

/** For each actor, how many drawn links it has (either direction); an actor with none is absent. */
export function relationCounts(links: MapLink[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const link of links) {
		counts.set(link.source, (counts.get(link.source) ?? 0) + 1);
		counts.set(link.target, (counts.get(link.target) ?? 0) + 1);
	}
	return counts;
}

/**
 * A sensible keyboard order: sides in legend order, then the best-connected actors first, then by
 * name, so Tab meets the main figures of each side before the minor ones.
 */
export function keyboardOrder(nodes: MapNode[], links: MapLink[]): MapNode[] {
	const degree = relationCounts(links);
	return [...nodes].sort(
		(a, b) =>
			a.sideIndex - b.sideIndex || (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.name.localeCompare(b.name)
	);
}
