/**
 * The live network map for pages that do not ship it: its component and the module's map data
 * (`/<module>/map.json`), loaded together the first time a page asks, then kept. A failed load
 * (the learner went offline) is forgotten, so asking again retries.
 */
import type NetworkMapComponent from './NetworkMap.svelte';
import { mapDataPath, type MapModule } from '$lib/network/map-data';

export interface LiveMap {
	NetworkMap: typeof NetworkMapComponent;
	module: MapModule;
}

const loads = new Map<string, Promise<LiveMap>>();

async function fetchMapModule(moduleSlug: string): Promise<MapModule> {
	const response = await fetch(mapDataPath(moduleSlug));
	if (!response.ok) throw new Error(`the map data answered ${response.status}`);
	// Our own prerendered file, built from the validated course by the same code as the page: no second validation.
	return (await response.json()) as MapModule;
}

export function loadLiveMap(moduleSlug: string): Promise<LiveMap> {
	let load = loads.get(moduleSlug);
	if (!load) {
		load = Promise.all([import('./NetworkMap.svelte'), fetchMapModule(moduleSlug)]).then(([component, module]) => ({
			NetworkMap: component.default,
			module
		}));
		loads.set(moduleSlug, load);
		load.catch(() => loads.delete(moduleSlug));
	}
	return load;
}

/**
 * How to find again, in the live map, the element that has focus in the prerendered one: by the
 * actor it draws, its id, the table row it is in, or its link; for the "Explore the map" button,
 * which the live map does not have, the first control where it stood. Undefined when focus is not
 * in the prerendered map.
 */
export function counterpartSelector(element: Element | null, root: Element): string | undefined {
	if (!element || !root.contains(element) || element === root) return undefined;
	if (element.closest('[data-map-explore]')) return '.toolbar :is(button, input)';
	const actor = element.closest('[data-actor]')?.getAttribute('data-actor');
	if (actor) return attribute('data-actor', actor);
	if (element.id) return attribute('id', element.id);
	if (element.tagName === 'SUMMARY') return 'summary';
	const href = element.getAttribute('href');
	if (!href) return undefined;
	const row = element.closest('[data-link]')?.getAttribute('data-link');
	return row ? `${attribute('data-link', row)} a${attribute('href', href)}` : `a${attribute('href', href)}`;
}

/** An attribute selector matching exactly this value, whatever characters it holds. */
export function attribute(name: string, value: string): string {
	return `[${name}="${value.replace(/["\\]/g, '\\$&')}"]`;
}
