/**
 * What the timeline says about each marker: its accessible name, and the keyboard order of the
 * markers. Client-safe (no d3): the positions come from the build-time layout.
 */
import type { CourseEvent, Labelled, Source, TimelineLayout } from '$lib/model/course';
import { RELATION_STYLES } from '$lib/network/symbols';
import { eventDateLabel } from './dates';

/** What the timeline reads about the module. */
export interface TimelineModule {
	slug: string;
	title: string;
	events: CourseEvent[];
	tracks: Labelled[];
	timeline: TimelineLayout;
	sources: Pick<Source, 'id' | 'outlet'>[];
}

export function markLabel(event: CourseEvent, trackLabel: string): string {
	return `${event.title}. ${eventDateLabel(event.date)}. ${RELATION_STYLES[event.kind].label}, ${trackLabel}.`;
}

/** A bar for several events known only to the same month: how many, when, and each title. */
export function groupLabel(members: CourseEvent[], trackLabel: string): string {
	const month = eventDateLabel(members[0]?.date);
	return `${members.length} events of ${month}, known only to the month, ${trackLabel}: ${members.map((member) => member.title).join('; ')}.`;
}

/** Every placed event in keyboard order: segment by segment, left to right. */
export function markOrder(layout: TimelineLayout): string[] {
	return layout.segments.flatMap((segment) => segment.marks.map((mark) => mark.event));
}
