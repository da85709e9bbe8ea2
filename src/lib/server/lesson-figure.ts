/**
 * A lesson's network map as the page first shows it: laid out from the lesson's own actors and
 * relations at build time, and rendered to static markup on the server (svelte/server's `render`),
 * so the lesson page carries no map code and hydrates no map. MapIsland inserts the markup and
 * swaps in the live NetworkMap, with the same layout, when the learner starts using it.
 */
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import type { Lesson, Module, NetworkLayout } from '$lib/model/course';
import type { Focus } from '$lib/network/graph';
import { focusLayout } from './layout/focus-layout';
import { renderStatic } from './lesson-static';
import { toMapModule } from './map-module';

export interface LessonFigure {
	/** The map's element id prefix, shared by the prerendered and the live map. */
	id: string;
	title: string;
	focus: Focus;
	/** The lesson's own layout, for the live map to draw the same positions. */
	layout: NetworkLayout;
	/** The prerendered map: SVG, legend, controls (disabled until it is live) and the relations table. */
	html: string;
	/** The map's styles (its components inject them), for the page's head. */
	styles: string;
}

export const FIGURE_ID = 'lesson-map';
const FIGURE_TITLE = 'Who is who in this lesson';

export function lessonFigure(module: Module, lesson: Lesson): LessonFigure {
	const layout = focusLayout(module, lesson.focus);
	const styles = new Map<string, string>();
	const html = renderStatic(
		NetworkMap,
		{ module: toMapModule(module), focus: lesson.focus, layout, id: FIGURE_ID, island: true, title: FIGURE_TITLE },
		styles
	);
	return { id: FIGURE_ID, title: FIGURE_TITLE, focus: lesson.focus, layout, html, styles: [...styles.values()].join('') };
}
