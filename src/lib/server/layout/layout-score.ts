/**
 * How hard a candidate layout is to read, so the layout can keep the best of several runs: each
 * crossing of two edges (a reader must tell which line goes where), each edge through another
 * actor's name, and a shape far from the screen's (a tall drawing shrinks on a wide page).
 */
import { nameBox } from '../../network/labels.ts';
import { crosses } from './name-placement.ts';

interface Point {
	x: number;
	y: number;
}

/** Whether segments ab and cd cross (touching at a shared end does not count). */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
	const turn = (p: Point, q: Point, r: Point) => Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
	return turn(a, b, c) * turn(a, b, d) < 0 && turn(c, d, a) * turn(c, d, b) < 0;
}

/** The drawing's width over height that reads best in a lesson's column and on the map page. */
const IDEAL_ASPECT = 1.4;

export function layoutScore(
	nodes: (Point & { id: string; name: string })[],
	links: { source: string; target: string }[]
): number {
	const byId = new Map(nodes.map((node) => [node.id, node]));
	const lines = links.flatMap((link) => {
		const a = byId.get(link.source);
		const b = byId.get(link.target);
		return a && b ? [{ link, a, b }] : [];
	});
	let score = 0;
	for (let i = 0; i < lines.length; i++) {
		for (let j = i + 1; j < lines.length; j++) {
			const first = lines[i];
			const second = lines[j];
			if (first && second && segmentsCross(first.a, first.b, second.a, second.b)) score += 1;
		}
	}
	for (const node of nodes) {
		const box = nameBox({ ...node, label: 'below' });
		for (const { link, a, b } of lines) {
			if (link.source !== node.id && link.target !== node.id && crosses({ x1: a.x, y1: a.y, x2: b.x, y2: b.y }, box))
				score += 0.5;
		}
	}
	const xs = nodes.map((node) => node.x);
	const ys = nodes.map((node) => node.y);
	const width = Math.max(...xs) - Math.min(...xs) + 160;
	const height = Math.max(...ys) - Math.min(...ys) + 60;
	return score + 3 * Math.abs(Math.log(width / height / IDEAL_ASPECT));
}
