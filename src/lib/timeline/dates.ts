/**
 * Event dates in words and in order, shared by the map, the timeline and the actor card. An event
 * known only to its month ("2025-11") may have happened on any day of it, so it counts from the
 * month's last day: it is on the map from then, and listed after the dated events of its month.
 * Small on purpose: the actor card on every people page imports it.
 */
import { formatDate } from '$lib/format-date';
import type { CourseEvent } from '$lib/model/course';

/** The day by which an event had surely happened: its day, or the last day of its month. */
export function happenedBy(date: string): string {
	if (date.length !== 7) return date;
	const [year, month] = date.split('-').map(Number);
	const last = new Date(Date.UTC(year ?? 0, month ?? 1, 0)).getUTCDate();
	return `${date}-${String(last).padStart(2, '0')}`;
}

/** "14 Oct 2025", "November 2025 (day unknown)", or "date unknown". */
export function eventDateLabel(date: string | undefined): string {
	if (!date) return 'date unknown';
	return date.length === 7 ? `${formatDate(date)} (day unknown)` : formatDate(date);
}

/** Events in time order: month-only ones after the dated events of their month, undated ones last; ties keep file order. */
export function chronological<T extends Pick<CourseEvent, 'date'>>(events: T[]): T[] {
	const key = (event: T) => (event.date ? happenedBy(event.date) : '9999-12-31');
	return [...events].sort((a, b) => key(a).localeCompare(key(b)));
}
