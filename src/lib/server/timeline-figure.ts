/**
 * The timeline as the timeline page first shows it: rendered to static markup at build time, so
 * the page hydrates none of it (see TimelineIsland).
 */
import Timeline from '$lib/components/timeline/Timeline.svelte';
import type { TimelineModule } from '$lib/timeline/events';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from './render-static';

export interface TimelineFigure {
	/** The element id prefix, shared by the prerendered and the live timeline. */
	id: string;
	html: StaticHtml;
	/** The timeline's styles (it injects them), for the page's head. */
	styles: StaticHtml;
}

export function timelineFigure(module: TimelineModule): TimelineFigure {
	const id = 'module-timeline';
	const styles = new Map<string, string>();
	const html = renderStatic(Timeline, { module, id }, styles);
	return { id, html, styles: collectedStyles(styles) };
}
