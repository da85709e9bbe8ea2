/**
 * The map's zoom and pan as plain numbers (d3-zoom's transform without d3): what lazy-zoom.ts
 * reports and zoom-behaviour.ts computes, in a module of its own so neither imports the other
 * for it.
 */
export interface ZoomTransform {
	x: number;
	y: number;
	k: number;
}

export const IDENTITY: ZoomTransform = { x: 0, y: 0, k: 1 };
