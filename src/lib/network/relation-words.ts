/**
 * Relations in words, for the map's table, its note on direction and the actor card: "Call with
 * Yuri Ushakov", "Criticism by Ted Lieu", "Also involved". The words are the module's own (each
 * relation kind's `phrase` and `reverse`). An undirected kind reads the same from either end (the
 * sources do not say who placed a call); a directed one keeps its direction.
 */
import type { CourseEvent, RelationKindDefinition } from '$lib/model/course';

/** "A", "A and B", "A, B and C" (or "A, B or C"). */
export function listNames(names: string[], conjunction: 'and' | 'or' = 'and'): string {
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;
}

/** What an event was to one of its actors, naming the others, in the words of the event's kind. */
export function relationFor(
	event: Pick<CourseEvent, 'from' | 'to' | 'participants'>,
	kind: Pick<RelationKindDefinition, 'label' | 'phrase' | 'reverse' | 'directed'>,
	actorId: string,
	names: ReadonlyMap<string, string>
): string {
	const name = (id: string) => names.get(id) ?? id;
	if (event.from === actorId)
		return event.to.length > 0 ? `${kind.phrase} ${listNames(event.to.map(name))}` : kind.label;
	if (event.to.includes(actorId)) {
		const others = kind.directed ? [event.from] : [event.from, ...event.to.filter((id) => id !== actorId)];
		return `${kind.reverse} ${listNames(others.map(name))}`;
	}
	return 'Also involved';
}

/**
 * The map's note on direction, naming the kinds it draws: which have an end mark at the actor
 * they were aimed at, and which have no direction. Empty when it draws none.
 */
export function directionNote(kinds: readonly Pick<RelationKindDefinition, 'label' | 'directed'>[]): string {
	const labels = (directed: boolean) =>
		kinds.filter((kind) => kind.directed === directed).map((kind) => `“${kind.label}”`);
	const directed = labels(true);
	const undirected = labels(false);
	const notes: string[] = [];
	if (directed.length > 0)
		notes.push(`A line of ${listNames(directed, 'or')} ends in a mark at the actor it was aimed at.`);
	if (undirected.length > 0)
		notes.push(
			`${listNames(undirected)} ${undirected.length > 1 ? 'have' : 'has'} no direction: marked alike at both ends, or not at all.`
		);
	return notes.join(' ');
}
