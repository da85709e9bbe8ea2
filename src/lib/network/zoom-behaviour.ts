/**
 * d3-zoom bound to the map's SVG: wheel, drag and pinch, plus the zoom buttons. It only computes
 * the transform and hands it to `onzoom`; the map's markup applies it to one group. Loaded with a
 * dynamic import the first time the learner touches the map (see lazy-zoom.ts): d3-zoom and its
 * dependencies are too heavy for every lesson page's first load.
 */
import { select } from 'd3-selection';
import { zoom, zoomIdentity } from 'd3-zoom';
import type { ZoomTransform } from './zoom-transform';

export interface ZoomBinding {
	scaleBy(factor: number): void;
	reset(): void;
	/** Centres this point of the drawing in the view, keeping the zoom level. */
	centreOn(x: number, y: number): void;
	unbind(): void;
}

export interface BindOptions {
	scaleExtent: [number, number];
	onzoom(transform: ZoomTransform): void;
	/** The wheel zooms only once the learner has engaged with the map, so page scrolling is not hijacked. */
	wheelAllowed(): boolean;
	/** Told when a gesture starts and ends, so a large map can draw less while it moves. */
	onmove(moving: boolean): void;
}

export function bindZoom(svg: SVGSVGElement, options: BindOptions): ZoomBinding {
	const behaviour = zoom<SVGSVGElement, unknown>()
		.scaleExtent(options.scaleExtent)
		// d3's default filter (no secondary buttons, ctrl+click is not a drag), plus the wheel rule.
		.filter((event: MouseEvent | WheelEvent) => {
			if (event.type === 'wheel') return event.ctrlKey || options.wheelAllowed();
			return !event.ctrlKey && !event.button;
		})
		.on('start', () => options.onmove(true))
		.on('zoom', (event: { transform: { x: number; y: number; k: number } }) => {
			const { x, y, k } = event.transform;
			options.onzoom({ x, y, k });
		})
		.on('end', () => options.onmove(false));
	const selection = select(svg).call(behaviour);
	return {
		scaleBy: (factor) => behaviour.scaleBy(selection, factor),
		reset: () => behaviour.transform(selection, zoomIdentity),
		centreOn: (x, y) => behaviour.translateTo(selection, x, y),
		unbind: () => {
			selection.on('.zoom', null);
		}
	};
}
