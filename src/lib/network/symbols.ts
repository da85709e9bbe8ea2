/**
 * How the map encodes categories without relying on colour alone: each side gets a shape as well
 * as a colour (by its position in the module's legend), each relation kind a line style and an
 * end mark (at the target where the relation has a direction) as well as a colour, by its position
 * in the module's list of kinds. Shapes are SVG path data centred on 0,0; colours are the
 * `--side-n` and `--rel-n` tokens of app.css, so dark mode follows.
 */
import type { RelationKind, RelationKindDefinition } from '$lib/model/course';

export const SHAPE_COUNT = 8;

function polygon(points: [number, number][]): string {
	return `M${points.map(([x, y]) => `${Math.round(x * 100) / 100},${Math.round(y * 100) / 100}`).join('L')}Z`;
}

function regular(sides: number, radius: number, rotation: number): [number, number][] {
	return Array.from({ length: sides }, (_, index) => {
		const angle = rotation + (2 * Math.PI * index) / sides;
		return [radius * Math.cos(angle), radius * Math.sin(angle)];
	});
}

function star(radius: number): [number, number][] {
	return Array.from({ length: 10 }, (_, index) => {
		const angle = -Math.PI / 2 + (Math.PI * index) / 5;
		const r = index % 2 === 0 ? radius : radius * 0.48;
		return [r * Math.cos(angle), r * Math.sin(angle)];
	});
}

/** Sizes are balanced by eye so every shape reads about as large as a circle of radius r. */
function shapes(r: number): { name: string; d: string }[] {
	const h = r * 0.9;
	const arm = r * 0.38;
	return [
		{ name: 'circle', d: `M${r},0A${r},${r} 0 1,1 ${-r},0A${r},${r} 0 1,1 ${r},0Z` },
		{
			name: 'square',
			d: polygon([
				[-h, -h],
				[h, -h],
				[h, h],
				[-h, h]
			])
		},
		{ name: 'diamond', d: polygon(regular(4, r * 1.3, -Math.PI / 2)) },
		{ name: 'triangle', d: polygon(regular(3, r * 1.35, -Math.PI / 2)) },
		{ name: 'hexagon', d: polygon(regular(6, r * 1.1, 0)) },
		{ name: 'star', d: polygon(star(r * 1.45)) },
		{ name: 'triangle pointing down', d: polygon(regular(3, r * 1.35, Math.PI / 2)) },
		{
			name: 'cross',
			d: polygon([
				[-arm, -r],
				[arm, -r],
				[arm, -arm],
				[r, -arm],
				[r, arm],
				[arm, arm],
				[arm, r],
				[-arm, r],
				[-arm, arm],
				[-r, arm],
				[-r, -arm],
				[-arm, -arm]
			])
		}
	];
}

const NODE_SHAPES = shapes(10);
const SMALL_SHAPES = shapes(6);

export interface SideStyle {
	shape: string;
	/** Path data for the map's nodes (radius 10). */
	d: string;
	/** Path data for the legend and the timeline (radius 6). */
	small: string;
	colour: string;
}

export function sideStyle(sideIndex: number): SideStyle {
	const index = sideIndex % SHAPE_COUNT;
	const shape = NODE_SHAPES[index] ?? NODE_SHAPES[0];
	return {
		shape: shape?.name ?? 'circle',
		d: shape?.d ?? '',
		small: SMALL_SHAPES[index]?.d ?? '',
		colour: `var(--side-${index + 1})`
	};
}

/**
 * How one relation kind is drawn: a line style, an end mark and a colour, so no kind is told by
 * colour alone. The palette below gives them by the kind's position in the module's list.
 */
interface RelationLine {
	/** stroke-dasharray; empty for a solid line. */
	dash: string;
	width: number;
	/**
	 * The line's end mark in a 10×10 box pointing right, and whether it is filled or stroked: drawn
	 * at the target of a directed relation; at both ends alike of an undirected one.
	 */
	marker?: { d: string; filled: boolean; name: string };
	/** The timeline's marker for the kind: an index into the shapes (the map uses line styles). */
	shape: number;
}

/**
 * The distinct relation styles, in the order kinds take them. The first seven are the default
 * kinds' (call, meeting, statement, criticism, defence, publication, other), each pairing a dash
 * pattern and width with an end mark, so two kinds never differ by colour alone. Colours are the
 * `--rel-n` tokens of app.css (with dark-mode values). A module may declare at most this many kinds.
 */
const RELATION_PALETTE: readonly RelationLine[] = [
	{ dash: '', width: 2.5, shape: 0 },
	{
		dash: '',
		width: 4,
		marker: { name: 'dot', d: 'M9,5A4,4 0 1,1 1,5A4,4 0 1,1 9,5Z', filled: true },
		shape: 1
	},
	{ dash: '1.5 4', width: 2, marker: { name: 'open arrow', d: 'M1,1L9,5L1,9', filled: false }, shape: 2 },
	{ dash: '8 4', width: 2, marker: { name: 'bar', d: 'M8,0L8,10M0,5L8,5', filled: false }, shape: 3 },
	{ dash: '9 3 2 3', width: 2, marker: { name: 'diamond', d: 'M0,5L5,1L10,5L5,9Z', filled: true }, shape: 4 },
	{ dash: '4 3', width: 2, marker: { name: 'square', d: 'M1,1H9V9H1Z', filled: true }, shape: 5 },
	{ dash: '', width: 1.25, marker: { name: 'chevron', d: 'M2,1L9,5L2,9', filled: false }, shape: 7 }
];

export const RELATION_STYLE_COUNT = RELATION_PALETTE.length;

/** A directed kind on a style without an end mark still shows its direction. */
const ARROWHEAD = { name: 'arrowhead', d: 'M1,1L9,5L1,9Z', filled: true };

export interface RelationStyle extends RelationKindDefinition, Omit<RelationLine, 'shape'> {
	colour: string;
	/** Path data of the kind's timeline marker (radius 6), and the shape's name. */
	timelineMarker: { d: string; shape: string };
}

export type RelationStyles = ReadonlyMap<RelationKind, RelationStyle>;

/** Each of the module's kinds with its drawing, taken from the palette by the kind's position. */
export function relationStyles(kinds: readonly RelationKindDefinition[]): RelationStyles {
	return new Map(
		kinds.map((kind, index) => {
			const slot = index % RELATION_STYLE_COUNT;
			const { shape, ...line } = RELATION_PALETTE[slot] ?? { dash: '', width: 2, shape: 0 };
			const marker = line.marker ?? (kind.directed ? ARROWHEAD : undefined);
			const style: RelationStyle = {
				...kind,
				...line,
				...(marker ? { marker } : {}),
				colour: `var(--rel-${slot + 1})`,
				timelineMarker: { d: SMALL_SHAPES[shape]?.d ?? '', shape: NODE_SHAPES[shape]?.name ?? 'circle' }
			};
			return [kind.id, style];
		})
	);
}

/**
 * The style of a kind. The loader refuses events of a kind the module does not declare, so the
 * fallback (the kind's id as its label, a plain line) only shows if code passes the wrong list.
 */
export function styleOf(styles: RelationStyles, kind: RelationKind): RelationStyle {
	return (
		styles.get(kind) ?? {
			id: kind,
			label: kind,
			directed: false,
			phrase: kind,
			reverse: kind,
			dash: '',
			width: 1,
			colour: 'var(--fg)',
			timelineMarker: { d: SMALL_SHAPES[0]?.d ?? '', shape: 'circle' }
		}
	);
}
