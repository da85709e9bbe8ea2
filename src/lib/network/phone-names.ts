/**
 * Which names a phone draws while the whole map is fitted to its width. Fitting a 730-unit drawing
 * into a 328 px box (a 360 px phone) shrinks it to 0.45, and 11-unit names to 5 px: unreadable.
 * On a phone each name is instead scaled back up about its node to at least 11 px on screen (the
 * map's `--name-scale`), and only the names that then fit are drawn, the best-connected actors
 * first; the rest appear when the learner highlights an actor or zooms in. Every actor is still
 * listed by name in the relations table and in each node's accessible name.
 */
import { nameBox, nodeBox, overlap, type Box, type Placed } from './labels.ts';
import type { View } from './geometry.ts';

/** The narrowest map box this plans for: a 360 px phone less the page's margins. */
export const PHONE_BOX = 328;

/** How much names must grow, about their node, to be 11 px on screen when `view` fits PHONE_BOX. */
export function phoneNameScale(view: View): number {
	return Math.max(1, view.width / PHONE_BOX);
}

function scaled(box: Box, node: { x: number; y: number }, factor: number): Box {
	return {
		x: node.x + (box.x - node.x) * factor,
		y: node.y + (box.y - node.y) * factor,
		width: box.width * factor,
		height: box.height * factor
	};
}

function inside(box: Box, view: View): boolean {
	return (
		box.x >= view.x &&
		box.y >= view.y &&
		box.x + box.width <= view.x + view.width &&
		box.y + box.height <= view.y + view.height
	);
}

/**
 * The ids of the actors whose names, grown by `factor`, overlap no other kept name and no node,
 * and stay inside the view: taken in order of `rank` (most relations first), so the people a
 * learner most needs keep theirs.
 */
export function phoneNames(nodes: (Placed & { id: string })[], view: View, rank: (id: string) => number): Set<string> {
	const factor = phoneNameScale(view);
	const discs = nodes.map((node) => ({ id: node.id, box: nodeBox(node, 10) }));
	const kept = new Set<string>();
	const taken: Box[] = [];
	const order = [...nodes].sort((a, b) => rank(b.id) - rank(a.id));
	for (const node of order) {
		const box = scaled(nameBox(node), node, factor);
		if (!inside(box, view)) continue;
		if (taken.some((other) => overlap(box, other) > 0)) continue;
		if (discs.some((disc) => disc.id !== node.id && overlap(box, disc.box) > 0)) continue;
		kept.add(node.id);
		taken.push(box);
	}
	return kept;
}
