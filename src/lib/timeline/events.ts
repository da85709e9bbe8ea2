/**
 * What the timeline says about each marker: its accessible name, and the keyboard order of the
 * markers. Client-safe (no d3): the positions come from the build-time layout.
 */
import type { CourseEvent, Labelled, RelationKindDefinition, Source, TimelineLayout } from '$lib/model/course';
import { eventDateLabel } from './dates';

/** What the timeline reads about the module. */
export interface TimelineModule {
	slug: string;
	title: string;
	events: CourseEvent[];
	tracks: Labelled[];
	/** The kinds of relation, in legend order: each marker's shape, colour and name come from its kind. */
	relationKinds: RelationKindDefinition[];
	timeline: TimelineLayout;
	sources: Pick<Source, 'id' | 'outlet'>[];
}

/** A marker's accessible name: the event's title, when, its kind's legend label and its track. */
export function markLabel(event: CourseEvent, kindLabel: string, trackLabel: string): string {
	return `${event.title}. ${eventDateLabel(event.date)}. ${kindLabel}, ${trackLabel}.`;
}

/**
 * A bar for several events known only to the same month: its drawn title first (so the name a
 * voice-control user reads off the screen is the name it answers to, WCAG 2.5.3), then when, and
 * each member's title.
 */
export function groupLabel(drawnTitle: string, members: CourseEvent[], trackLabel: string): string {
	const month = eventDateLabel(members[0]?.date);
	return `${drawnTitle}, ${month}, known only to the month, ${trackLabel}: ${members.map((member) => member.title).join('; ')}.`;
}

/** Every placed event in keyboard order: segment by segment, left to right. */
export function markOrder(layout: TimelineLayout): string[] {
	return layout.segments.flatMap((segment) => segment.marks.map((mark) => mark.event));
}
