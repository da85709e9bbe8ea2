/**
 * What the map shows: the relations of the chosen kinds between actors of the chosen sides, as the
 * network stood on the chosen day. An event known only to its month counts from the last day of
 * that month (it may have happened any day in it); an undated event only once every dated event
 * has happened, i.e. at the slider's last stop.
 */
import type { RelationKind } from '$lib/model/course';
import { formatDate } from '$lib/format-date';
import { happenedBy } from '$lib/timeline/dates';
import type { MapLink, MapNode } from './graph';

export interface MapFilter {
	kinds: ReadonlySet<RelationKind>;
	sides: ReadonlySet<string>;
	/** YYYY-MM-DD: show relations that had happened by this day; undefined shows every relation. */
	asOf?: string;
}

export interface DateStop {
	/** YYYY-MM-DD */
	value: string;
	label: string;
}

export function isDrawnOn(date: string | undefined, asOf: string | undefined): boolean {
	if (asOf === undefined) return true;
	if (date === undefined) return false;
	return happenedBy(date) <= asOf;
}

const monthShort = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** An edge's date label, kept short because it is drawn on the map: "14 Oct 2025", "Nov 2025". */
export function edgeDateLabel(date: string): string {
	return date.length === 7 ? monthShort.format(new Date(`${date}-01T00:00:00Z`)) : formatDate(date);
}

/** The days on which the network changes, in order: the slider's stops. */
export function dateStops(links: MapLink[]): DateStop[] {
	const byValue = new Map<string, string>();
	for (const link of links) {
		if (!link.date) continue;
		const value = happenedBy(link.date);
		// A day known exactly names itself; a month-end stop says why it is there.
		const label = link.date.length === 7 ? `end of ${formatDate(link.date)}` : formatDate(link.date);
		if (!byValue.has(value) || link.date.length !== 7) byValue.set(value, label);
	}
	return [...byValue.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([value, label]) => ({ value, label }));
}

export function visibleNodes(nodes: MapNode[], filter: MapFilter): MapNode[] {
	return nodes.filter((node) => filter.sides.has(node.side));
}

export function visibleLinks(links: MapLink[], nodes: MapNode[], filter: MapFilter): MapLink[] {
	const side = new Map(nodes.map((node) => [node.id, node.side]));
	return links.filter(
		(link) =>
			filter.kinds.has(link.kind) &&
			filter.sides.has(side.get(link.source) ?? '') &&
			filter.sides.has(side.get(link.target) ?? '') &&
			isDrawnOn(link.date, filter.asOf)
	);
}
