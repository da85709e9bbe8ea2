/**
 * Relations in words, for the map's table and the actor card: "Call with Yuri Ushakov",
 * "Criticism by Ted Lieu", "Also involved". Calls and meetings read "with" from either end, since
 * the sources do not say who placed a call; the other kinds keep their direction.
 */
import type { CourseEvent } from '$lib/model/course';
import { RELATION_STYLES } from './symbols';

/** "A", "A and B", "A, B and C". */
export function listNames(names: string[]): string {
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What an event was to one of its actors, naming the others. */
export function relationFor(
	event: Pick<CourseEvent, 'kind' | 'from' | 'to' | 'participants'>,
	actorId: string,
	names: ReadonlyMap<string, string>
): string {
	const style = RELATION_STYLES[event.kind];
	const name = (id: string) => names.get(id) ?? id;
	if (event.from === actorId)
		return event.to.length > 0 ? `${style.phrase} ${listNames(event.to.map(name))}` : style.label;
	if (event.to.includes(actorId)) {
		const others = style.directed ? [event.from] : [event.from, ...event.to.filter((id) => id !== actorId)];
		return `${style.reverse} ${listNames(others.map(name))}`;
	}
	return 'Also involved';
}
