/**
 * The two cases the module compares, side by side on one axis of days: the timeline's first
 * stretch of events (in this module, the Flynn case of 2016–2017) and its last (the 2025 leak),
 * each counted in days from its own first contact: its first relation without a direction (with
 * the default kinds, its first call or meeting), where both ends took part. Only events known to
 * the day are placed; a month-only event has no day to count from. Computed from the build-time
 * layout's segments, so it follows the lesson files, not names written into code.
 */
import type { CourseEvent, RelationKindDefinition, TimelineLayout } from '$lib/model/course';

export interface ParallelEvent {
	id: string;
	title: string;
	date: string;
	kind: CourseEvent['kind'];
	href?: string;
	/** Days after the case's first contact (negative: before it). */
	day: number;
}

export interface ParallelCase {
	/** The stretch's label on the timeline, e.g. "December 2016 – February 2017". */
	label: string;
	/** The first contact (relation without a direction), day 0. */
	origin: ParallelEvent;
	events: ParallelEvent[];
}

const DAY = 86_400_000;

function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

function caseOf(
	layout: TimelineLayout,
	index: number,
	events: Map<string, CourseEvent>,
	contacts: ReadonlySet<string>
): ParallelCase | undefined {
	const segment = layout.segments[index];
	if (!segment) return undefined;
	const members = segment.marks
		.flatMap((mark) => mark.events ?? [mark.event])
		.flatMap((id) => {
			const event = events.get(id);
			return event?.date?.length === 10 ? [{ ...event, date: event.date }] : [];
		})
		.sort((a, b) => a.date.localeCompare(b.date));
	const first = members.find((event) => contacts.has(event.kind)) ?? members[0];
	if (!first) return undefined;
	const placed = members.map(({ id, title, date, kind, href }) => {
		const event: ParallelEvent = { id, title, date, kind, day: daysBetween(first.date, date) };
		if (href) event.href = href;
		return event;
	});
	const origin = placed.find((event) => event.id === first.id) ?? placed[0];
	return origin ? { label: segment.label, origin, events: placed } : undefined;
}

/** The first and the last stretch of the timeline, aligned on their first contact; none if there is only one. */
export function parallelCases(
	layout: TimelineLayout,
	events: CourseEvent[],
	kinds: readonly Pick<RelationKindDefinition, 'id' | 'directed'>[]
): [ParallelCase, ParallelCase] | undefined {
	if (layout.segments.length < 2) return undefined;
	const byId = new Map(events.map((event) => [event.id, event]));
	const contacts = new Set(kinds.filter((kind) => !kind.directed).map((kind) => kind.id));
	const first = caseOf(layout, 0, byId, contacts);
	const last = caseOf(layout, layout.segments.length - 1, byId, contacts);
	return first && last ? [first, last] : undefined;
}
