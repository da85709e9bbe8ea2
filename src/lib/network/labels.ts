/**
 * Where the map's text sits, without a DOM to measure it: the box an actor's name takes on each
 * side of its node, and which edges keep their date label when nothing is highlighted. The
 * build-time layout places names with these boxes (so names do not overlap) and frames the
 * drawing by them (so no name is clipped); the map reads the same boxes, so both agree.
 * Imports only types: the build-time layout imports it by relative path.
 */
import type { LabelSide } from '../model/course.ts';

export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The names' font size in drawing units (the map's `.name` style). */
export const NAME_SIZE = 11;
/** The dates' font size in drawing units (the map's `.edge-date` style). */
export const DATE_SIZE = 10;
/** How far a name sits from its node's centre: clear of the largest shape (the star, radius 14.5). */
const GAP = 16;
export const LABEL_SIDES: LabelSide[] = ['below', 'above', 'right', 'left'];

/**
 * A generous estimate of a system sans-serif's advance widths, in ems: the layout needs boxes that
 * are never narrower than the drawn text, or names would overlap or clip on the learner's screen.
 * Bold (the hovered name) is about 8% wider, which the estimate's slack covers.
 */
function advance(char: string): number {
	if (/[ilj.,:;'|!()[\]\u2019]/.test(char)) return 0.3;
	if (/[ frt-]/.test(char)) return 0.38;
	if (/[mwMW]/.test(char)) return 0.92;
	if (/[A-Z]/.test(char)) return 0.7;
	return 0.58;
}

export function textWidth(text: string, size: number): number {
	let ems = 0;
	for (const char of text) ems += advance(char);
	return Math.ceil(ems * size * 1.08);
}

export interface Placed {
	x: number;
	y: number;
	name: string;
	label: LabelSide;
}

/** Where the name's text is anchored, and how: what the map's markup draws. */
export function nameAnchor(side: LabelSide): { dx: number; dy: number; anchor: 'middle' | 'start' | 'end' } {
	switch (side) {
		case 'below':
			return { dx: 0, dy: GAP + NAME_SIZE * 0.8, anchor: 'middle' };
		case 'above':
			return { dx: 0, dy: -GAP, anchor: 'middle' };
		case 'right':
			return { dx: GAP, dy: NAME_SIZE * 0.35, anchor: 'start' };
		case 'left':
			return { dx: -GAP, dy: NAME_SIZE * 0.35, anchor: 'end' };
	}
}

/** The box a node's name covers, in drawing units (from its text's top to its descenders). */
export function nameBox(node: Placed): Box {
	const width = textWidth(node.name, NAME_SIZE) + 4;
	const height = NAME_SIZE * 1.3;
	const { dx, dy, anchor } = nameAnchor(node.label);
	const left =
		anchor === 'middle' ? node.x + dx - width / 2 : anchor === 'start' ? node.x + dx - 2 : node.x + dx - width + 2;
	return { x: left, y: node.y + dy - NAME_SIZE * 0.95, width, height };
}

/** The box a date label covers, centred on its point. */
export function dateBox(point: { x: number; y: number }, text: string): Box {
	const width = textWidth(text, DATE_SIZE) + 6;
	const height = DATE_SIZE * 1.3;
	return { x: point.x - width / 2, y: point.y - height * 0.7, width, height };
}

export function overlap(a: Box, b: Box): number {
	const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
	const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
	return width > 0 && height > 0 ? width * height : 0;
}

/** The smallest box holding all of these. */
export function union(boxes: Box[]): Box | undefined {
	if (boxes.length === 0) return undefined;
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const box of boxes) {
		minX = Math.min(minX, box.x);
		minY = Math.min(minY, box.y);
		maxX = Math.max(maxX, box.x + box.width);
		maxY = Math.max(maxY, box.y + box.height);
	}
	return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** A node's own disc (largest shape), as a box. */
export function nodeBox(node: { x: number; y: number }, radius = 15): Box {
	return { x: node.x - radius, y: node.y - radius, width: radius * 2, height: radius * 2 };
}

/**
 * Which date labels to draw while nothing is highlighted: only days (a month alone, "Nov 2025",
 * repeated round a busy actor, says little), one per bundle of edges that share an actor, a kind
 * and a day (a publication about three people says its date once), and only where the label covers
 * no name, node or other date. Every edge shows its date when one of its actors is highlighted,
 * and the table and the card list every date.
 */
export function restingDates<T extends { id: string; source: string; target: string; kind: string; date?: string }>(
	edges: { link: T; label: { x: number; y: number }; otherLabels?: { x: number; y: number }[] }[],
	obstacles: Box[],
	format: (date: string) => string
): Map<string, { x: number; y: number }> {
	const shown = new Map<string, { x: number; y: number }>();
	const taken: Box[] = [...obstacles];
	const bundles = new Set<string>();
	for (const { link, label, otherLabels = [] } of edges) {
		if (link.date?.length !== 10) continue;
		const keys = [link.source, link.target].map((end) => `${end}|${link.kind}|${link.date}`);
		if (keys.some((key) => bundles.has(key))) continue;
		const text = format(link.date);
		const place = [label, ...otherLabels].find((point) => {
			const box = dateBox(point, text);
			return !taken.some((other) => overlap(box, other) > 0);
		});
		if (!place) continue;
		shown.set(link.id, place);
		taken.push(dateBox(place, text));
		for (const key of keys) bundles.add(key);
	}
	return shown;
}
