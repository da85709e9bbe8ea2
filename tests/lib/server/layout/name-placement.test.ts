import { describe, expect, it } from 'vitest';
import { nameBox, overlap } from '$lib/network/labels';
import { crosses, overlappingNames, placeNames } from '$lib/server/layout/name-placement';

describe('placeNames: each name on a side of its node where it overlaps nothing', () => {
	it('puts names below their nodes when there is room', () => {
		const sides = placeNames(
			[
				{ id: 'a', x: 0, y: 0, name: 'Ana Envoy' },
				{ id: 'b', x: 300, y: 0, name: 'Boris Aide' }
			],
			[{ source: 'a', target: 'b' }]
		);
		expect(Object.fromEntries(sides)).toEqual({ a: 'below', b: 'below' });
	});

	it('moves a name that would overlap the one below it (Susie Wiles under the Department of Justice)', () => {
		const nodes = [
			{ id: 'doj', x: 100, y: 100, name: 'US Department of Justice' },
			{ id: 'wiles', x: 145, y: 104, name: 'Susie Wiles' }
		];
		expect(overlappingNames(nodes.map((node) => ({ ...node, label: 'below' as const })))).toEqual(['doj / wiles']);
		const sides = placeNames(nodes, []);
		const placed = nodes.map((node) => ({ ...node, label: sides.get(node.id) ?? 'below' }));
		expect(overlappingNames(placed)).toEqual([]);
		// Nor does either name cover the other's node.
		expect(overlap(nameBox(placed[0]!), { x: 130, y: 89, width: 30, height: 30 })).toBe(0);
		expect(overlap(nameBox(placed[1]!), { x: 85, y: 85, width: 30, height: 30 })).toBe(0);
	});

	it('keeps a name off an edge when another side is free', () => {
		// An edge runs straight down from the node: the name below would sit across it.
		const sides = placeNames(
			[
				{ id: 'a', x: 0, y: 0, name: 'Ana Envoy' },
				{ id: 'b', x: 0, y: 200, name: 'Boris Aide' }
			],
			[{ source: 'a', target: 'b' }]
		);
		expect(sides.get('a')).not.toBe('below');
	});

	it('tells whether a line crosses a box', () => {
		const box = { x: 0, y: 0, width: 10, height: 10 };
		expect(crosses({ x1: -5, y1: 5, x2: 15, y2: 5 }, box)).toBe(true);
		expect(crosses({ x1: -5, y1: 20, x2: 15, y2: 20 }, box)).toBe(false);
		expect(crosses({ x1: 5, y1: -5, x2: 5, y2: 2 }, box)).toBe(true);
	});
});
