/** A lesson's own network layout, computed once by the loader (build-module.ts) from its focus. */
import type { Module, NetworkLayout } from '../../model/course.ts';
import { buildLinks, focusMembers, type Focus } from '../../network/graph.ts';
import { layoutNetwork } from './network.ts';

/**
 * The lesson's part of the network laid out on its own: its focus actors and the actors at either
 * end of its focus events' relations (see focusMembers), pulled together by those relations only.
 * A crop of the full map would keep the gaps and stray edges of everyone left out.
 */
export function focusLayout(module: Pick<Module, 'actors' | 'events' | 'sides'>, focus: Focus): NetworkLayout {
	const members = focusMembers(buildLinks(module.actors, module.events), focus);
	return layoutNetwork(
		module.actors.filter((actor) => members.actors.has(actor.id)).map(({ id, side, name }) => ({ id, side, name })),
		members.links.map((link) => ({ from: link.source, to: [link.target], date: link.date })),
		module.sides
	);
}
