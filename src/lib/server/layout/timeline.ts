/**
 * Lays the module's events out on the timeline once, at build time: events split into segments
 * at long gaps (the Flynn case of 2016–2017 and the 2025 leak get a panel each, aligned one above
 * the other, because eight years on one linear axis would squash both), a d3 time scale per
 * segment, one row per track (module order), and lanes inside a row so no two markers, and no two
 * titles, overlap: every mark carries a title drawn beside it (shortened to TITLE_WIDTH, the full
 * text showing on focus). An event known only to its month is a bar over that month, never a
 * guessed day; several such events of one track and month are one bar ("6 events, month not
 * narrowed to a day"), whose card lists them all, not a stack of identical bars.
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
} from './time-scale.ts';
import { textWidth } from '../../network/labels.ts';

export interface TimelineEventInput {
	id: string;
	date?: string;
	track: string;
	/** Drawn beside its mark; the id stands in without one. */
	title?: string;
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
/** A lane's height: a day marker, or a month bar, with its title beside or on it. */
const LANE_HEIGHT = 16;
/** Room for the row's track label above its lanes. */
const ROW_LABEL_HEIGHT = 20;
const ROW_GAP = 6;
const MARKER_HALF_WIDTH = 9;
const MIN_SPACE = 2;
/** The titles' font size (the timeline's `.mark-title` style) and the widest a title is drawn. */
export const TITLE_SIZE = 11;
export const TITLE_WIDTH = 150;
/** From a day marker's centre to its title's start; a bar's title starts this far inside it. */
const TITLE_GAP = 12;
const BAR_TITLE_INSET = 4;

interface Placed {
	id: string;
	/** Several events of one track known only to the same month: one bar for them all. */
	events?: string[];
	track: string;
	time: EventTime;
	title: string;
	left: number;
	right: number;
	x: number;
	x2?: number;
	titleLeft?: boolean;
}

/** The title as drawn: whole if it fits TITLE_WIDTH, else cut at a word with an ellipsis. */
export function shortTitle(title: string, width = TITLE_WIDTH): string {
	if (textWidth(title, TITLE_SIZE) <= width) return title;
	const words = title.split(' ');
	while (words.length > 1) {
		words.pop();
		const candidate = `${words.join(' ').replace(/[,;:.]$/, '')}…`;
		if (textWidth(candidate, TITLE_SIZE) <= width) return candidate;
	}
	let cut = title;
	while (cut.length > 1 && textWidth(`${cut}…`, TITLE_SIZE) > width) cut = cut.slice(0, -1);
	return `${cut}…`;
}

type DatedInput = TimelineEventInput & { time: EventTime };

/** Month-only events grouped by track and month, each group where its first member comes. */
function groupMonthOnly(items: DatedInput[]): (DatedInput & { events?: string[] })[] {
	const keyOf = (item: DatedInput) => `${item.track}|${item.date}`;
	const groups = new Map<string, DatedInput[]>();
	for (const item of items) {
		if (item.time.precision !== 'month') continue;
		groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
	}
	return items.flatMap((item) => {
		if (item.time.precision !== 'month') return [item];
		const members = groups.get(keyOf(item)) ?? [item];
		if (members.length === 1) return [item];
		if (members[0] !== item) return [];
		return [{ ...item, events: members.map((member) => member.id), title: `${members.length} events this month` }];
	});
}

/**
 * Greedy interval colouring: each item (its marker and its title) takes the first lane whose last
 * item ends before it starts. Returns each item's lane and each lane's centre, measured from the
 * top of the row's lanes.
 */
function assignLanes(items: Placed[]): { lanes: Map<string, number>; centres: number[]; height: number } {
	const laneEnds: number[] = [];
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
		lanes.set(item.id, lane);
	}
	const centres = laneEnds.map((_, lane) => lane * LANE_HEIGHT + LANE_HEIGHT / 2);
	return { lanes, centres, height: laneEnds.length * LANE_HEIGHT };
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
		const placed: Placed[] = groupMonthOnly(segment.items).map((event) => {
			const x = axis.x(event.time.start);
			const title = shortTitle(event.title ?? event.id);
			const titleWidth = textWidth(title, TITLE_SIZE);
			if (event.time.precision === 'day') {
				// Near the right end the title goes on the marker's left, inside the drawing.
				const titleLeft = x + TITLE_GAP + titleWidth > width - 2;
				const day: Placed = {
					id: event.id,
					track: event.track,
					time: event.time,
					title,
					x,
					left: titleLeft ? x - TITLE_GAP - titleWidth : x - MARKER_HALF_WIDTH,
					right: titleLeft ? x + MARKER_HALF_WIDTH : x + TITLE_GAP + titleWidth
				};
				if (titleLeft) day.titleLeft = true;
				return day;
			}
			const x2 = axis.x(event.time.end);
			const bar: Placed = {
				id: event.id,
				track: event.track,
				time: event.time,
				title,
				x,
				x2,
				left: x,
				right: Math.max(x2, x + BAR_TITLE_INSET + titleWidth, x + 2 * MARKER_HALF_WIDTH)
			};
			if (event.events) bar.events = event.events;
			return bar;
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
				const mark: TimelineMark = { event: item.id, x: item.x, y: y + ROW_LABEL_HEIGHT + centre, title: item.title };
				if (item.x2 !== undefined) mark.x2 = item.x2;
				if (item.events) mark.events = item.events;
				if (item.titleLeft) mark.titleLeft = true;
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
