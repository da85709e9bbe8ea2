import { describe, expect, it } from 'vitest';
import { binScores, histogramLayout } from '$lib/server/classroom/histogram';

describe('binScores', () => {
	it('puts each percentage in its band of ten, 100 in the last band', () => {
		const bins = binScores([0, 9, 10, 55, 89, 90, 99, 100]);
		expect(bins.map((bin) => bin.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 3]);
		expect(bins[0]).toMatchObject({ from: 0, to: 10 });
		expect(bins[9]).toMatchObject({ from: 90, to: 100 });
	});
});

describe('histogramLayout', () => {
	const layout = histogramLayout([0.1, 0.15, 0.82, 0.85, 0.855, 1], 0.8);

	it('scales bar heights to the counts on a shared baseline', () => {
		// 10% and 15% share the 10s band; 82%, 85% and 85.5% (read as 86%) the 80s.
		expect(layout.bars.map((bar) => bar.count)).toEqual([0, 2, 0, 0, 0, 0, 0, 0, 3, 1]);
		for (const bar of layout.bars) expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom);
		const three = layout.bars[8];
		const one = layout.bars[9];
		expect(three && one && three.height / one.height).toBeCloseTo(3);
	});

	it('places bars left to right over 0–100% and marks the pass mark', () => {
		const xs = layout.bars.map((bar) => bar.x);
		expect(xs).toEqual([...xs].sort((a, b) => a - b));
		expect(layout.xTicks.map((tick) => tick.label)).toEqual([
			'0%',
			'10%',
			'20%',
			'30%',
			'40%',
			'50%',
			'60%',
			'70%',
			'80%',
			'90%',
			'100%'
		]);
		expect(layout.passMark.x).toBeCloseTo(layout.plot.left + 0.8 * (layout.plot.right - layout.plot.left));
	});

	it('labels the count axis with whole students only', () => {
		for (const tick of layout.yTicks) expect(Number.isInteger(tick.value)).toBe(true);
		expect(layout.yTicks.at(-1)?.value).toBe(3);
	});

	it('draws an empty chart when nobody has answered', () => {
		const empty = histogramLayout([], 0.5);
		expect(empty.total).toBe(0);
		expect(empty.bars.every((bar) => bar.count === 0 && bar.height === 0)).toBe(true);
	});
});
