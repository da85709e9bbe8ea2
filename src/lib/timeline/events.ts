/**
 * What the timeline says about each event in words: its date as precisely as it is known, its
 * accessible name, and the reading order of the text equivalent. Client-safe (no d3): the
 * positions come from the build-time layout.
 */
import { formatDate } from '$lib/format-date';
import type { CourseEvent, TimelineLayout } from '$lib/model/course';
import { happenedBy } from '$lib/network/filter';
import { RELATION_STYLES } from '$lib/network/symbols';

/** "14 Oct 2025", "November 2025 (day unknown)", or "date unknown". */
export function eventDateLabel(date: string | undefined): string {
	if (!date) return 'date unknown';
	return date.length === 7 ? `${formatDate(date)} (day unknown)` : formatDate(date);
}

export function markLabel(event: CourseEvent, trackLabel: string): string {
	return `${event.title}. ${eventDateLabel(event.date)}. ${RELATION_STYLES[event.kind].label}, ${trackLabel}.`;
}

/**
 * Events in time order for the list: an event known only to its month comes after the dated
 * events of that month (it may be any day of it), undated events last; ties keep file order.
 */
export function chronological(events: CourseEvent[]): CourseEvent[] {
	const key = (event: CourseEvent) => (event.date ? happenedBy(event.date) : '9999-12-31');
	return [...events].sort((a, b) => key(a).localeCompare(key(b)));
}

/** Every placed event in keyboard order: segment by segment, left to right. */
export function markOrder(layout: TimelineLayout): string[] {
	return layout.segments.flatMap((segment) => segment.marks.map((mark) => mark.event));
}
