/**
 * The timeline as the timeline page first shows it: rendered to static markup at build time, so
 * the page hydrates none of it (see TimelineIsland).
 */
import ParallelCases from '$lib/components/timeline/ParallelCases.svelte';
import Timeline from '$lib/components/timeline/Timeline.svelte';
import { parallelCases } from '$lib/timeline/parallel';
import type { TimelineModule } from '$lib/timeline/events';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from './render-static';

export interface TimelineFigure {
	/** The element id prefix, shared by the prerendered and the live timeline. */
	id: string;
	html: StaticHtml;
	/** The first and last cases side by side on days from first contact (ParallelCases), when there are two. */
	parallel?: StaticHtml;
	/** The timeline's styles (it injects them), for the page's head. */
	styles: StaticHtml;
}

export function timelineFigure(module: TimelineModule): TimelineFigure {
	const id = 'module-timeline';
	const styles = new Map<string, string>();
	const html = renderStatic(Timeline, { module, id }, styles);
	const cases = parallelCases(module.timeline, module.events, module.relationKinds);
	const parallel =
		cases && renderStatic(ParallelCases, { cases, kinds: module.relationKinds, id: 'parallel-cases' }, styles);
	return { id, html, ...(parallel ? { parallel } : {}), styles: collectedStyles(styles) };
}
