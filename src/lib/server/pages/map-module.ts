/** The module as the network map and its actor card read it (see MapModule): no lesson bodies, quizzes or timeline. */
import type { Module } from '$lib/model/course';
import type { MapModule } from '$lib/network/map-data';

export function toMapModule(module: Module): MapModule {
	return {
		slug: module.slug,
		title: module.title,
		sides: module.sides,
		relationKinds: module.relationKinds,
		actors: module.actors,
		events: module.events.map(({ id, title, date, kind, from, to, participants, href, sources }) => ({
			id,
			title,
			date,
			kind,
			from,
			to,
			participants,
			href,
			sources
		})),
		sources: module.sources.map(({ id, outlet }) => ({ id, outlet })),
		lessons: module.lessons.map(({ slug, title }) => ({ slug, title })),
		quotes: module.quotes,
		network: module.network
	};
}
