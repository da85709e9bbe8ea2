/**
 * Chooses, at build time, the side of each node its name is drawn on (below, above, right or
 * left), so that names do not overlap each other or other actors' shapes, and cross as few edges
 * as they can. Greedy and deterministic: the best-connected actors choose first, then every actor
 * chooses again knowing where all the others are, a few times over.
 */
import type { LabelSide } from '../../model/course.ts';
import { LABEL_SIDES, nameBox, nodeBox, overlap, type Box } from '../../network/labels.ts';

export interface NamedNode {
	id: string;
	x: number;
	y: number;
	name: string;
}

interface Line {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

const SWEEPS = 4;
/** Below reads most naturally (a caption); then above, right, left. */
const SIDE_COST: Record<LabelSide, number> = { below: 0, above: 4, right: 8, left: 10 };

/** Whether a line segment passes through a box (Liang–Barsky clipping). */
export function crosses(line: Line, box: Box): boolean {
	let t0 = 0;
	let t1 = 1;
	const dx = line.x2 - line.x1;
	const dy = line.y2 - line.y1;
	const checks: [number, number][] = [
		[-dx, line.x1 - box.x],
		[dx, box.x + box.width - line.x1],
		[-dy, line.y1 - box.y],
		[dy, box.y + box.height - line.y1]
	];
	for (const [p, q] of checks) {
		if (p === 0) {
			if (q < 0) return false;
			continue;
		}
		const r = q / p;
		if (p < 0) t0 = Math.max(t0, r);
		else t1 = Math.min(t1, r);
		if (t0 > t1) return false;
	}
	return true;
}

export function placeNames(nodes: NamedNode[], links: { source: string; target: string }[]): Map<string, LabelSide> {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const degree = new Map<string, number>();
	const lines: Line[] = [];
	for (const link of links) {
		const a = byId.get(link.source);
		const b = byId.get(link.target);
		if (!a || !b) continue;
		degree.set(a.id, (degree.get(a.id) ?? 0) + 1);
		degree.set(b.id, (degree.get(b.id) ?? 0) + 1);
		lines.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y });
	}
	const order = [...nodes].sort(
		(a, b) => (degree.get(b.id) ?? 0) - (degree.get(a.id) ?? 0) || a.id.localeCompare(b.id)
	);
	const shapes = new Map(nodes.map((node) => [node.id, nodeBox(node)]));
	const sides = new Map<string, LabelSide>();
	const boxes = new Map<string, Box>();

	const cost = (node: NamedNode, side: LabelSide): { cost: number; box: Box } => {
		const box = nameBox({ ...node, label: side });
		let total = SIDE_COST[side];
		for (const [id, other] of boxes) if (id !== node.id) total += overlap(box, other) * 4;
		for (const [id, shape] of shapes) if (id !== node.id) total += overlap(box, shape) * 4;
		for (const line of lines) if (crosses(line, box)) total += 12;
		return { cost: total, box };
	};

	for (let sweep = 0; sweep < SWEEPS; sweep++) {
		let changed = false;
		for (const node of order) {
			let best: { side: LabelSide; cost: number; box: Box } | undefined;
			for (const side of LABEL_SIDES) {
				const candidate = cost(node, side);
				if (!best || candidate.cost < best.cost) best = { side, ...candidate };
			}
			if (!best) continue;
			if (sides.get(node.id) !== best.side) changed = true;
			sides.set(node.id, best.side);
			boxes.set(node.id, best.box);
		}
		if (!changed) break;
	}
	return sides;
}

/** Pairs of names that overlap, as `a / b`: empty for a readable layout. */
export function overlappingNames(nodes: (NamedNode & { label: LabelSide })[]): string[] {
	const boxes = nodes.map((node) => ({ id: node.id, box: nameBox(node) }));
	const found: string[] = [];
	for (let i = 0; i < boxes.length; i++) {
		for (let j = i + 1; j < boxes.length; j++) {
			const first = boxes[i];
			const second = boxes[j];
			if (first && second && overlap(first.box, second.box) > 0) found.push(`${first.id} / ${second.id}`);
		}
	}
	return found;
}
