import { describe, expect, it } from 'vitest';
import { dateBox, nameAnchor, nameBox, overlap, restingDates, textWidth, union } from '$lib/network/labels';

const format = (date: string) => date;

describe('text boxes without a DOM', () => {
	it('estimates a wider box for a longer or wider name', () => {
		expect(textWidth('Ukrainian delegation at Geneva', 11)).toBeGreaterThan(textWidth('Steve Witkoff', 11));
		expect(textWidth('WWW', 11)).toBeGreaterThan(textWidth('iii', 11));
	});

	it('puts the name on the chosen side of its node, clear of the node', () => {
		const at = { x: 100, y: 100, name: 'Ana Envoy' };
		const below = nameBox({ ...at, label: 'below' });
		const above = nameBox({ ...at, label: 'above' });
		const right = nameBox({ ...at, label: 'right' });
		const left = nameBox({ ...at, label: 'left' });
		expect(below.y).toBeGreaterThan(110);
		expect(above.y + above.height).toBeLessThan(90);
		expect(right.x).toBeGreaterThan(110);
		expect(left.x + left.width).toBeLessThan(90);
		expect(below.x + below.width / 2).toBeCloseTo(100, 0);
		expect(nameAnchor('left').anchor).toBe('end');
	});

	it('measures overlaps and unions', () => {
		expect(overlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 5, width: 10, height: 10 })).toBe(25);
		expect(overlap({ x: 0, y: 0, width: 10, height: 10 }, { x: 10, y: 0, width: 10, height: 10 })).toBe(0);
		expect(
			union([
				{ x: 0, y: 0, width: 10, height: 10 },
				{ x: 20, y: -5, width: 1, height: 1 }
			])
		).toEqual({ x: 0, y: -5, width: 21, height: 15 });
		expect(union([])).toBeUndefined();
	});
});

describe('restingDates: which dates the map shows while nothing is highlighted', () => {
	const edge = (
		id: string,
		source: string,
		target: string,
		date: string | undefined,
		x: number,
		kind = 'criticism'
	) => ({
		link: { id, source, target, kind, date },
		label: { x, y: 0 },
		otherLabels: [
			{ x: x - 80, y: 0 },
			{ x: x + 80, y: 0 }
		]
	});

	it('shows a day once per bundle of edges sharing an actor, a kind and a day', () => {
		const shown = restingDates(
			[
				edge('a', 'bloomberg', 'witkoff', '2025-11-25', 0, 'publication'),
				edge('b', 'bloomberg', 'ushakov', '2025-11-25', 500, 'publication'),
				edge('c', 'trump', 'witkoff', '2025-11-25', 1000, 'defence')
			],
			[],
			format
		);
		expect([...shown.keys()]).toEqual(['a', 'c']);
	});

	it('leaves out months ("Nov 2025" round a busy actor says little) and undated edges', () => {
		const shown = restingDates(
			[edge('a', 'lieu', 'witkoff', '2025-11', 0), edge('b', 'bacon', 'witkoff', undefined, 500)],
			[],
			format
		);
		expect(shown.size).toBe(0);
	});

	it('moves a date along its edge when the middle is taken, and drops it when every place is', () => {
		const middle = dateBox({ x: 0, y: 0 }, '2025-10-14');
		const moved = restingDates([edge('a', 'x', 'y', '2025-10-14', 0)], [middle], format);
		expect(moved.get('a')).toEqual({ x: -80, y: 0 });
		const everywhere = restingDates(
			[edge('a', 'x', 'y', '2025-10-14', 0)],
			[{ x: -200, y: -50, width: 400, height: 100 }],
			format
		);
		expect(everywhere.size).toBe(0);
	});

	it('never lets two dates overlap', () => {
		const shown = restingDates(
			[edge('a', 'p', 'q', '2025-10-14', 0, 'call'), edge('b', 'r', 's', '2025-10-29', 10, 'call')],
			[],
			format
		);
		expect(shown.get('b')).toEqual({ x: -70, y: 0 });
		const boxes = [...shown.entries()].map(([id, point]) => dateBox(point, id === 'a' ? '2025-10-14' : '2025-10-29'));
		expect(boxes).toHaveLength(2);
		expect(overlap(boxes[0]!, boxes[1]!)).toBe(0);
	});
});
