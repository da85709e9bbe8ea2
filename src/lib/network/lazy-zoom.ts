/**
 * The map's one owner of zoom and pan: an attachment for the SVG that loads d3-zoom (through
 * zoom-behaviour.ts) the first time the learner points at, touches, focuses or scrolls the map, or
 * presses a zoom button, and reports every transform through `onzoom`, which writes the map's
 * `$state`. Until then the map is a static prerendered drawing and costs no zoom code at all.
 */
import type { Attachment } from 'svelte/attachments';
import type { ZoomBinding } from './zoom-behaviour';
import type { ZoomTransform } from './zoom-transform';

export interface LazyZoomOptions {
	scaleExtent?: [number, number];
	onzoom(transform: ZoomTransform): void;
	onmove?(moving: boolean): void;
}

export interface LazyZoom {
	attach: Attachment<SVGSVGElement>;
	zoomBy(factor: number): Promise<void>;
	reset(): Promise<void>;
	centreOn(x: number, y: number): Promise<void>;
}

export function lazyZoom(options: LazyZoomOptions): LazyZoom {
	let svg: SVGSVGElement | undefined;
	let binding: Promise<ZoomBinding> | undefined;
	let engaged = false;

	function load(): Promise<ZoomBinding> {
		const element = svg;
		if (!element) return Promise.reject(new Error('the map is not on the page'));
		binding ??= import('./zoom-behaviour').then(({ bindZoom }) =>
			bindZoom(element, {
				scaleExtent: options.scaleExtent ?? [0.25, 12],
				onzoom: options.onzoom,
				onmove: (moving) => options.onmove?.(moving),
				wheelAllowed: () => engaged
			})
		);
		return binding;
	}

	const preload = () => void load();
	const engage = () => {
		engaged = true;
		void load();
	};

	const attach: Attachment<SVGSVGElement> = (element) => {
		svg = element;
		element.addEventListener('pointerenter', preload);
		element.addEventListener('wheel', preload, { passive: true });
		element.addEventListener('pointerdown', engage);
		element.addEventListener('focusin', engage);
		return () => {
			element.removeEventListener('pointerenter', preload);
			element.removeEventListener('wheel', preload);
			element.removeEventListener('pointerdown', engage);
			element.removeEventListener('focusin', engage);
			void binding?.then((bound) => bound.unbind());
			binding = undefined;
			svg = undefined;
		};
	};

	return {
		attach,
		async zoomBy(factor) {
			engaged = true;
			(await load()).scaleBy(factor);
		},
		async reset() {
			(await load()).reset();
		},
		async centreOn(x, y) {
			(await load()).centreOn(x, y);
		}
	};
}
