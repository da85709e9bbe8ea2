/**
 * Lays the module's events out on the timeline once, at build time: events split into segments
 * at long gaps (the Flynn case of 2016–2017 and the 2025 leak get a panel each, aligned one above
 * the other, because eight years on one linear axis would squash both), a d3 time scale per
 * segment, one row per track (module order), and lanes inside a row so no two markers overlap.
 * An event known only to its month is a bracket over that month, never a guessed day.
 * The timeline component only draws these numbers.
 */
import type { Labelled, TimelineLayout, TimelineMark, TimelineSegment } from '../../model/course.ts';
import {
	describeGap,
	describeSpan,
	monthDomain,
	parseEventDate,
	splitAtGaps,
	timeAxis,
	type EventTime
} from '../../timeline/time-scale.ts';

export interface TimelineEventInput {
	id: string;
	date?: string;
	track: string;
}

export interface TimelineOptions {
	/** The drawing's width in CSS pixels; narrower screens scroll it sideways. */
	width?: number;
	maxGapDays?: number;
}

export const TIMELINE_WIDTH = 880;
/** Room for the axis labels above the first row. */
const AXIS_HEIGHT = 28;
/** Half a tick label's width, so the labels at either end of the axis are not cut off. */
const SIDE_PADDING = 30;
/** A lane with a day marker in it; a lane of month bars only is thinner. */
const LANE_HEIGHT = 16;
const BAR_LANE_HEIGHT = 11;
/** Room for the row's track label above its lanes. */
const ROW_LABEL_HEIGHT = 20;
const ROW_GAP = 6;
const MARKER_HALF_WIDTH = 9;
const MIN_SPACE = 2;

interface Placed {
	id: string;
	track: string;
	time: EventTime;
	left: number;
	right: number;
	x: number;
	x2?: number;
}

/**
 * Greedy interval colouring: each item takes the first lane whose last item ends before it starts.
 * Returns each item's lane and each lane's centre, measured from the top of the row's lanes.
 */
function assignLanes(items: Placed[]): { lanes: Map<string, number>; centres: number[]; height: number } {
	const laneEnds: number[] = [];
	const hasMarker: boolean[] = [];
	const lanes = new Map<string, number>();
	// Day-precision markers take the upper lanes, month bars go below them.
	const ordered = [
		...items.filter((item) => item.time.precision === 'day').sort((a, b) => a.left - b.left),
		...items.filter((item) => item.time.precision === 'month').sort((a, b) => a.left - b.left)
	];
	for (const item of ordered) {
		let lane = laneEnds.findIndex((end) => end + MIN_SPACE <= item.left);
		if (lane === -1) lane = laneEnds.length;
		laneEnds[lane] = item.right;
		hasMarker[lane] = (hasMarker[lane] ?? false) || item.time.precision === 'day';
		lanes.set(item.id, lane);
	}
	const centres: number[] = [];
	let height = 0;
	for (const marker of hasMarker) {
		const laneHeight = marker ? LANE_HEIGHT : BAR_LANE_HEIGHT;
		centres.push(height + laneHeight / 2);
		height += laneHeight;
	}
	return { lanes, centres, height };
}

export function layoutTimeline(
	events: TimelineEventInput[],
	tracks: Labelled[],
	options: TimelineOptions = {}
): TimelineLayout {
	const width = options.width ?? TIMELINE_WIDTH;
	const dated = events.flatMap((event) => (event.date ? [{ ...event, time: parseEventDate(event.date) }] : []));
	const segments = splitAtGaps(dated, (event) => event.time, options.maxGapDays);

	const laidOut: TimelineSegment[] = segments.map((segment, index) => {
		const axis = timeAxis(monthDomain(segment.start, segment.end), [SIDE_PADDING, width - SIDE_PADDING]);
		const placed: Placed[] = segment.items.map((event) => {
			const x = axis.x(event.time.start);
			if (event.time.precision === 'day') {
				return {
					id: event.id,
					track: event.track,
					time: event.time,
					x,
					left: x - MARKER_HALF_WIDTH,
					right: x + MARKER_HALF_WIDTH
				};
			}
			const x2 = axis.x(event.time.end);
			return {
				id: event.id,
				track: event.track,
				time: event.time,
				x,
				x2,
				left: x,
				right: Math.max(x2, x + 2 * MARKER_HALF_WIDTH)
			};
		});

		let y = AXIS_HEIGHT;
		const rows: TimelineSegment['rows'] = [];
		const marks: TimelineMark[] = [];
		for (const track of tracks) {
			const inRow = placed.filter((item) => item.track === track.id);
			if (inRow.length === 0) continue;
			const { lanes, centres, height: lanesHeight } = assignLanes(inRow);
			const height = ROW_LABEL_HEIGHT + lanesHeight + ROW_GAP;
			rows.push({ track: track.id, label: track.label, y, height });
			for (const item of inRow) {
				const centre = centres[lanes.get(item.id) ?? 0] ?? 0;
				const mark: TimelineMark = { event: item.id, x: item.x, y: y + ROW_LABEL_HEIGHT + centre };
				if (item.x2 !== undefined) mark.x2 = item.x2;
				marks.push(mark);
			}
			y += height;
		}
		// Keyboard and reading order: by time, then top to bottom.
		const order = new Map(segment.items.map((event, position) => [event.id, position]));
		marks.sort((a, b) => (order.get(a.event) ?? 0) - (order.get(b.event) ?? 0) || a.y - b.y);

		const previous = segments[index - 1];
		const laid: TimelineSegment = {
			label: describeSpan(segment.start, segment.end),
			height: y,
			ticks: axis.ticks,
			rows,
			marks
		};
		if (previous) laid.gapBefore = describeGap(previous.end, segment.start);
		return laid;
	});

	return {
		width,
		segments: laidOut,
		undated: events.filter((event) => !event.date).map((event) => event.id)
	};
}
