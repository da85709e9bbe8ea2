/** The actors a map question offers, in the order its text equivalent lists them. */
export interface MapActor {
	id: string;
	name: string;
	/** The side's label (the map's legend), shown as the map shows it. */
	side?: string;
}

/** What the map's pick mode receives to answer a map question (see MapInput's `picker`). */
export interface MapPick {
	selected: string | undefined;
	select: (actorId: string) => void;
	disabled: boolean;
}

/** The lesson's own actors first (in the lesson's order), then everyone else by name. */
export function groupMapActors(
	actors: readonly MapActor[],
	focus: readonly string[] = []
): { inLesson: MapActor[]; others: MapActor[] } {
	const byId = new Map(actors.map((actor) => [actor.id, actor]));
	const inLesson = focus.flatMap((id) => byId.get(id) ?? []);
	const others = actors.filter((actor) => !focus.includes(actor.id)).sort((a, b) => a.name.localeCompare(b.name));
	return { inLesson, others };
}
