/**
 * The score histogram, binned and laid out on the server with d3-scale so the page only draws
 * it: ten bins of ten percentage points ([0, 10), …, [90, 100], the last one closed), a linear x
 * scale over 0–100% and a linear y scale over whole students.
 */
import { scaleLinear } from 'd3-scale';
import type { HistogramLayout } from '$lib/classroom/dashboard-view';
import type { PassMark } from '$lib/pass-mark';

export const BIN_WIDTH = 10;
const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 16, right: 16, bottom: 44, left: 44 };

export function binScores(percentages: readonly number[]): { from: number; to: number; count: number }[] {
	const bins = Array.from({ length: 100 / BIN_WIDTH }, (_, index) => ({
		from: index * BIN_WIDTH,
		to: (index + 1) * BIN_WIDTH,
		count: 0
	}));
	for (const percentage of percentages) {
		const clamped = Math.max(0, Math.min(100, percentage));
		const bin = bins[Math.min(bins.length - 1, Math.floor(clamped / BIN_WIDTH))];
		if (bin) bin.count++;
	}
	return bins;
}

/** Lays out a histogram of `scores` (0 to 1) with a marker at `passMark` (0 to 1). */
export function histogramLayout(scores: readonly number[], passMark: PassMark): HistogramLayout {
	const plot = { left: MARGIN.left, right: WIDTH - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
	const bins = binScores(scores.map((score) => Math.round(score * 100)));
	const highest = Math.max(1, ...bins.map((bin) => bin.count));
	const x = scaleLinear().domain([0, 100]).range([plot.left, plot.right]);
	const y = scaleLinear().domain([0, highest]).nice().range([plot.bottom, plot.top]);
	const gap = 2;
	return {
		width: WIDTH,
		height: HEIGHT,
		plot,
		bars: bins.map((bin) => ({
			...bin,
			x: x(bin.from) + gap / 2,
			y: y(bin.count),
			width: Math.max(0, x(bin.to) - x(bin.from) - gap),
			height: y(0) - y(bin.count)
		})),
		xTicks: x.ticks(10).map((value) => ({ value, position: x(value), label: `${value}%` })),
		// Students come whole: only integer ticks.
		yTicks: y
			.ticks(Math.min(5, y.domain()[1] ?? 1))
			.filter(Number.isInteger)
			.map((value) => ({ value, position: y(value), label: String(value) })),
		// The x axis counts percentage points, like the bins.
		passMark: { value: passMark, x: x(passMark * 100) },
		total: scores.length
	};
}
