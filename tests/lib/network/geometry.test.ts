import { describe, expect, it } from 'vitest';
import { edgeShapes, frame, nextInDirection, NODE_RADIUS, type Direction } from '$lib/network/geometry';
import type { MapLink } from '$lib/network/graph';
import { nameBox } from '$lib/network/labels';

const link = (id: string, source: string, target: string): MapLink => ({
	id,
	event: id,
	source,
	target,
	kind: 'call',
	title: id,
	sources: [],
	participants: []
});
const positions = new Map([
	['a', { x: 0, y: 0 }],
	['b', { x: 100, y: 0 }],
	['c', { x: 0, y: 100 }]
]);

describe('edgeShapes', () => {
	it('draws a lone relation as a straight line that stops at both rims', () => {
		const [shape] = edgeShapes([link('ab', 'a', 'b')], positions);
		expect(shape?.d).toBe(`M${NODE_RADIUS + 1},0L${100 - NODE_RADIUS - 2},0`);
		expect(shape?.label).toEqual({ x: 50, y: 0 });
		// If the middle is taken, the date may sit a third of the way from either end.
		expect(shape?.otherLabels).toEqual([
			{ x: 33, y: 0 },
			{ x: 67, y: 0 }
		]);
	});

	it('bows relations between the same two actors apart, whatever their direction', () => {
		const shapes = edgeShapes([link('ab', 'a', 'b'), link('ba', 'b', 'a'), link('ac', 'a', 'c')], positions);
		expect(shapes.map((shape) => shape.id)).toEqual(['ab', 'ba', 'ac']);
		const [ab, ba, ac] = shapes;
		expect(ab?.d).toContain('Q');
		expect(ba?.d).toContain('Q');
		expect(ac?.d).toContain('L');
		// Mirror images about the line a–b: their labels sit on opposite sides of it.
		expect(ab?.label.x).toBe(50);
		expect(ba?.label.x).toBe(50);
		expect(Math.sign(ab?.label.y ?? 0)).toBe(-Math.sign(ba?.label.y ?? 0));
		expect(Math.abs(ab?.label.y ?? 0)).toBe(11);
	});

	it('skips a relation whose actor has no position', () => {
		expect(edgeShapes([link('ax', 'a', 'x')], positions)).toEqual([]);
	});
});

describe('frame', () => {
	const named = [
		{ x: 100, y: 100, name: 'Ukrainian delegation at Geneva', label: 'left' as const },
		{ x: 500, y: 400, name: 'Ana', label: 'below' as const }
	];

	it('frames the nodes and their names, wherever each name sits, so none is clipped', () => {
		const view = frame(named);
		for (const node of named) {
			const box = nameBox(node);
			expect(box.x).toBeGreaterThanOrEqual(view.x);
			expect(box.y).toBeGreaterThanOrEqual(view.y);
			expect(box.x + box.width).toBeLessThanOrEqual(view.x + view.width);
			expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height);
		}
		// The long name on the left of its node takes the view well left of the node.
		expect(view.x).toBeLessThan(100 - 150);
	});

	it('never frames less than the minimum, centred on the node and its name', () => {
		const view = frame([{ x: 100, y: 100, name: 'Ana', label: 'below' }]);
		expect(view).toMatchObject({ width: 320, height: 220 });
		expect(view.x + view.width / 2).toBeCloseTo(100, 0);
	});
});

describe('nextInDirection', () => {
	const from = { x: 0, y: 0 };
	const candidates = [
		{ id: 'east', x: 100, y: 10 },
		{ id: 'far-east', x: 300, y: 0 },
		{ id: 'north', x: 5, y: -80 },
		{ id: 'south-west', x: -60, y: 60 }
	];
	it.each<[Direction, string | undefined]>([
		['right', 'east'],
		['up', 'north'],
		['down', 'south-west'],
		['left', 'south-west']
	])('%s goes to %s', (direction, expected) => {
		expect(nextInDirection(from, candidates, direction)?.id).toBe(expected);
	});

	it('goes nowhere when no connected actor lies that way', () => {
		expect(nextInDirection(from, [{ id: 'east', x: 100, y: 0 }], 'left')).toBeUndefined();
	});
});
