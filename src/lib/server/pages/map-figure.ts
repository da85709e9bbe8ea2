/**
 * A network map as a page first shows it: rendered to static markup on the server at build time
 * (svelte/server's `render`), so the page carries no map code and hydrates no map. MapIsland
 * inserts the markup and swaps in the live NetworkMap, with the same layout and ids, when the
 * learner starts using it; the toolbar starts with MapIsland's "Explore the map" button. Both
 * layouts are the loader's: a lesson's map uses the lesson's own (`lesson.mapLayout`, its actors
 * and relations laid out on their own), the module's full map the module's.
 */
import { exploreButton } from '$lib/components/map/MapIsland.svelte';
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import type { Lesson, Module, NetworkLayout } from '$lib/model/course';
import type { Focus } from '$lib/network/graph';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from './render-static';
import { toMapModule } from './map-module';

export interface MapFigure {
	/** The map's element id prefix, shared by the prerendered and the live map. */
	id: string;
	title: string;
	/** A lesson's focus; none for the module's full map. */
	focus?: Focus;
	/** The positions drawn, for the live map to draw the same. */
	layout: NetworkLayout;
	/** The prerendered map: SVG, legend, controls (disabled until it is live) and the relations table. */
	html: StaticHtml;
	/** The map's styles (its components inject them), for the page's head. */
	styles: StaticHtml;
}

function figure(
	module: Module,
	props: { id: string; title: string; focus?: Focus; layout: NetworkLayout; tableOpen?: boolean }
): MapFigure {
	const styles = new Map<string, string>();
	const html = renderStatic(NetworkMap, { module: toMapModule(module), toolbarStart: exploreButton, ...props }, styles);
	const { id, title, focus, layout } = props;
	return { id, title, focus, layout, html, styles: collectedStyles(styles) };
}

export function lessonFigure(module: Module, lesson: Lesson): MapFigure {
	return figure(module, {
		id: 'lesson-map',
		title: 'Who is who in this lesson',
		focus: lesson.focus,
		layout: lesson.mapLayout
	});
}

/** The map page's map: every actor and relation, its table open. */
export function moduleFigure(module: Module): MapFigure {
	return figure(module, {
		id: 'module-map',
		title: 'All actors and relations',
		layout: module.network,
		tableOpen: true
	});
}
