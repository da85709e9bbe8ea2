import { describe, expect, it } from 'vitest';
import { nameBox, nodeBox, overlap } from '$lib/network/labels';
import { PHONE_BOX, phoneNames, phoneNameScale } from '$lib/network/phone-names';

const view = { x: 0, y: 0, width: 2 * PHONE_BOX, height: 400 };

describe('phoneNameScale', () => {
	it('grows names by as much as fitting the drawing into a phone shrinks them, never below 1', () => {
		expect(phoneNameScale(view)).toBe(2);
		expect(phoneNameScale({ ...view, width: 200 })).toBe(1);
	});
});

describe('phoneNames', () => {
	it('keeps the better-connected of two actors whose grown names would collide', () => {
		const nodes = [
			{ id: 'a', name: 'Alpha Person', x: 200, y: 100, label: 'below' as const },
			{ id: 'b', name: 'Bravo Person', x: 230, y: 120, label: 'below' as const }
		];
		const ranks: Record<string, number> = { a: 1, b: 5 };
		expect([...phoneNames(nodes, view, (id) => ranks[id] ?? 0)]).toEqual(['b']);
	});

	it('keeps every name that fits, grown about its node, clear of other nodes and inside the view', () => {
		const nodes = [
			{ id: 'a', name: 'Alpha', x: 100, y: 100, label: 'below' as const },
			{ id: 'b', name: 'Bravo', x: 400, y: 100, label: 'below' as const },
			{ id: 'c', name: 'Charlie', x: 400, y: 140, label: 'above' as const },
			{ id: 'edge', name: 'At the very edge', x: 640, y: 300, label: 'right' as const }
		];
		const kept = phoneNames(nodes, view, () => 0);
		expect(kept.has('a')).toBe(true);
		// b's name below would cover c's node (and c's above would cover b's): at most one survives.
		expect(kept.has('b') && kept.has('c')).toBe(false);
		expect(kept.has('edge')).toBe(false);
		const grown = (node: (typeof nodes)[number]) => {
			const box = nameBox(node);
			return {
				x: node.x + (box.x - node.x) * 2,
				y: node.y + (box.y - node.y) * 2,
				width: box.width * 2,
				height: box.height * 2
			};
		};
		for (const id of kept) {
			const node = nodes.find((candidate) => candidate.id === id);
			if (!node) throw new Error(id);
			for (const other of nodes)
				if (other.id !== id) expect(overlap(grown(node), nodeBox(other, 10)), `${id} on ${other.id}`).toBe(0);
		}
	});
});
