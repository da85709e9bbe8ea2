/**
 * How the map encodes categories without relying on colour alone: each side gets a shape as well
 * as a colour (by its position in the module's legend), each relation kind a line style and an
 * end mark (an arrowhead where the relation has a direction) as well as a colour. Shapes are SVG path data centred on 0,0; colours are the
 * `--side-n` and `--rel-kind` tokens of app.css, so dark mode follows.
 */
import type { RelationKind } from '$lib/model/course';

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

export interface RelationStyle {
	label: string;
	/** stroke-dasharray; empty for a solid line. */
	dash: string;
	width: number;
	/**
	 * Whether the relation has a direction the sources attest. Calls and meetings do not (the
	 * documents seldom say who placed a call): they are drawn without an arrowhead, and the table
	 * and the card say "with".
	 */
	directed: boolean;
	/** The relation in words, as the table and the card put it before the other actor: "Call with", "Criticism of". */
	phrase: string;
	/** The same, seen from the other end: "Call with", "Criticism by". */
	reverse: string;
	/**
	 * The line's end mark in a 10×10 box pointing right, and whether it is filled or stroked: an
	 * arrowhead at the target for a directed relation; for an undirected one, a mark drawn at both
	 * ends alike (or none).
	 */
	marker?: { d: string; filled: boolean; name: string };
	colour: string;
}

export const RELATION_KINDS: RelationKind[] = [
	'call',
	'meeting',
	'statement',
	'criticism',
	'defence',
	'publication',
	'other'
];

export const RELATION_STYLES: Record<RelationKind, RelationStyle> = {
	call: {
		label: 'Call',
		dash: '',
		width: 2.5,
		directed: false,
		phrase: 'Call with',
		reverse: 'Call with',
		colour: 'var(--rel-call)'
	},
	meeting: {
		label: 'Meeting',
		dash: '',
		width: 4,
		directed: false,
		phrase: 'Meeting with',
		reverse: 'Meeting with',
		marker: { name: 'dot at each end', d: 'M9,5A4,4 0 1,1 1,5A4,4 0 1,1 9,5Z', filled: true },
		colour: 'var(--rel-meeting)'
	},
	statement: {
		label: 'Statement about',
		dash: '1.5 4',
		width: 2,
		directed: true,
		phrase: 'Statement about',
		reverse: 'Statement by',
		marker: { name: 'open arrow', d: 'M1,1L9,5L1,9', filled: false },
		colour: 'var(--rel-statement)'
	},
	criticism: {
		label: 'Criticism',
		dash: '8 4',
		width: 2,
		directed: true,
		phrase: 'Criticism of',
		reverse: 'Criticism by',
		marker: { name: 'bar', d: 'M8,0L8,10M0,5L8,5', filled: false },
		colour: 'var(--rel-criticism)'
	},
	defence: {
		label: 'Defence',
		dash: '9 3 2 3',
		width: 2,
		directed: true,
		phrase: 'Defence of',
		reverse: 'Defended by',
		marker: { name: 'diamond', d: 'M0,5L5,1L10,5L5,9Z', filled: true },
		colour: 'var(--rel-defence)'
	},
	publication: {
		label: 'Publication about',
		dash: '4 3',
		width: 2,
		directed: true,
		phrase: 'Publication about',
		reverse: 'Reported on by',
		marker: { name: 'square', d: 'M1,1H9V9H1Z', filled: true },
		colour: 'var(--rel-publication)'
	},
	other: {
		label: 'Other',
		dash: '',
		width: 1.25,
		directed: true,
		phrase: 'Other, towards',
		reverse: 'Other, from',
		marker: { name: 'chevron', d: 'M2,1L9,5L2,9', filled: false },
		colour: 'var(--rel-other)'
	}
};

/** On the timeline an event is a marker: a shape per relation kind (the map uses line styles). */
const KIND_SHAPE: Record<RelationKind, number> = {
	call: 0,
	meeting: 1,
	statement: 2,
	criticism: 3,
	defence: 4,
	publication: 5,
	other: 7
};

export function kindMarker(kind: RelationKind): { d: string; colour: string; shape: string } {
	const index = KIND_SHAPE[kind];
	return {
		d: SMALL_SHAPES[index]?.d ?? '',
		colour: RELATION_STYLES[kind].colour,
		shape: NODE_SHAPES[index]?.name ?? 'circle'
	};
}
