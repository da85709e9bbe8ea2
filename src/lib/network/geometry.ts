/**
 * The map's geometry, computed from the build-time positions: each edge's path (straight, or
 * bowed apart when several relations join the same two actors) and where its date label sits,
 * the view that frames a set of nodes, and which connected actor an arrow key moves to.
 * Linear in the number of nodes and edges; nothing here runs per animation frame.
 */
import type { MapLink, MapNode } from './graph';
import { nameBox, nodeBox, union, type Placed } from './labels.ts';

/** A node's radius in layout units; edges stop at its rim so arrowheads stay visible. */
export const NODE_RADIUS = 10;
/** How far apart the curves of several relations between the same two actors are drawn. */
export const PARALLEL_SPACING = 22;

export interface Point {
	x: number;
	y: number;
}

export interface EdgeShape {
	id: string;
	link: MapLink;
	d: string;
	/** Where its date label sits: the middle of the line. */
	label: Point;
	/** Where else along the line the label may sit, if the middle is taken (a third of the way from either end). */
	otherLabels: Point[];
}

/** Along the line from `from` to `to` bowed by `control` (a quadratic Bézier), at `t`. */
function along(from: Point, control: Point, to: Point, t: number): Point {
	const u = 1 - t;
	return {
		x: round(u * u * from.x + 2 * u * t * control.x + t * t * to.x),
		y: round(u * u * from.y + 2 * u * t * control.y + t * t * to.y)
	};
}

export interface View {
	x: number;
	y: number;
	width: number;
	height: number;
}

const round = (value: number) => Math.round(value * 10) / 10;

function towards(from: Point, to: Point, distance: number): Point {
	const dx = to.x - from.x;
	const dy = to.y - from.y;
	const length = Math.hypot(dx, dy) || 1;
	return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance };
}

/**
 * One path per link, in the links' order. Links between the same two actors (in either direction) are spread
 * symmetrically as quadratic curves; a lone link is a straight line.
 */
export function edgeShapes(links: MapLink[], nodes: Map<string, Point>): EdgeShape[] {
	const groups = new Map<string, MapLink[]>();
	for (const link of links) {
		const key = link.source < link.target ? `${link.source}|${link.target}` : `${link.target}|${link.source}`;
		const group = groups.get(key);
		if (group) group.push(link);
		else groups.set(key, [link]);
	}
	const shapes = new Map<string, EdgeShape>();
	for (const group of groups.values()) {
		group.forEach((link, index) => {
			const source = nodes.get(link.source);
			const target = nodes.get(link.target);
			if (!source || !target) return;
			// The normal is taken from the pair's canonical direction, so A→B and B→A bow apart.
			const [first, second] = link.source < link.target ? [source, target] : [target, source];
			const length = Math.hypot(second.x - first.x, second.y - first.y) || 1;
			const normal = { x: -(second.y - first.y) / length, y: (second.x - first.x) / length };
			const offset = (index - (group.length - 1) / 2) * PARALLEL_SPACING;
			const mid = { x: (source.x + target.x) / 2, y: (source.y + target.y) / 2 };
			const label = { x: round(mid.x + normal.x * offset), y: round(mid.y + normal.y * offset) };
			// A quadratic curve passes through its midpoint halfway to the control point.
			const control = { x: mid.x + normal.x * offset * 2, y: mid.y + normal.y * offset * 2 };
			const otherLabels = [along(source, control, target, 0.33), along(source, control, target, 0.67)];
			if (offset === 0) {
				const start = towards(source, target, NODE_RADIUS + 1);
				const end = towards(target, source, NODE_RADIUS + 2);
				shapes.set(link.id, {
					id: link.id,
					link,
					d: `M${round(start.x)},${round(start.y)}L${round(end.x)},${round(end.y)}`,
					label,
					otherLabels
				});
				return;
			}
			const start = towards(source, control, NODE_RADIUS + 1);
			const end = towards(target, control, NODE_RADIUS + 2);
			shapes.set(link.id, {
				id: link.id,
				link,
				d: `M${round(start.x)},${round(start.y)}Q${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`,
				label,
				otherLabels
			});
		});
	}
	// In the links' own order, so the drawing order (and the table's) does not depend on grouping.
	return links.flatMap((link) => shapes.get(link.id) ?? []);
}

/** Room between the outermost shapes and names and the view's edge. */
const FRAME_MARGIN = 8;

/**
 * The view that frames these nodes and their names (each on the side the layout chose), never
 * smaller than `min`, so no name is clipped at the drawing's edge.
 */
export function frame(nodes: Placed[], min = { width: 320, height: 220 }): View {
	const bounds = union(nodes.flatMap((node) => [nodeBox(node), nameBox(node)]));
	if (!bounds) return { x: 0, y: 0, width: min.width, height: min.height };
	const minX = bounds.x - FRAME_MARGIN;
	const minY = bounds.y - FRAME_MARGIN;
	const maxX = bounds.x + bounds.width + FRAME_MARGIN;
	const maxY = bounds.y + bounds.height + FRAME_MARGIN;
	const width = Math.max(maxX - minX, min.width);
	const height = Math.max(maxY - minY, min.height);
	return {
		x: round((minX + maxX - width) / 2),
		y: round((minY + maxY - height) / 2),
		width: round(width),
		height: round(height)
	};
}

export type Direction = 'left' | 'right' | 'up' | 'down';

const VECTORS: Record<Direction, Point> = {
	left: { x: -1, y: 0 },
	right: { x: 1, y: 0 },
	up: { x: 0, y: -1 },
	down: { x: 0, y: 1 }
};
/** Each key covers a cone of ±67.5°, so the four cones overlap and every neighbour is reachable. */
const CONE = Math.cos((67.5 * Math.PI) / 180);

export const ARROW_KEYS: Record<string, Direction> = {
	ArrowLeft: 'left',
	ArrowRight: 'right',
	ArrowUp: 'up',
	ArrowDown: 'down'
};

/** The candidate an arrow key leads to from `from`: the nearest one in that direction, favouring the most aligned. */
export function nextInDirection<T extends MapNode | (Point & { id: string })>(
	from: Point,
	candidates: T[],
	direction: Direction
): T | undefined {
	const vector = VECTORS[direction];
	let best: T | undefined;
	let bestScore = Infinity;
	for (const candidate of candidates) {
		const dx = candidate.x - from.x;
		const dy = candidate.y - from.y;
		const distance = Math.hypot(dx, dy);
		if (distance === 0) continue;
		const alignment = (dx * vector.x + dy * vector.y) / distance;
		if (alignment < CONE) continue;
		const score = distance * (2 - alignment);
		if (score < bestScore) {
			bestScore = score;
			best = candidate;
		}
	}
	return best;
}
