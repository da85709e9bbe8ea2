/**
 * The live network map for pages that do not ship it: its component and the module's map data
 * (`/<module>/map.json`), loaded together the first time a page asks, then kept. A failed load
 * (the learner went offline) is forgotten, so asking again retries. Pages import this module
 * dynamically: none of it is in their first load.
 */
import type NetworkMapComponent from './NetworkMap.svelte';
import type { MapModule } from '$lib/network/map-data';

export interface LiveMap {
	NetworkMap: typeof NetworkMapComponent;
	module: MapModule;
}

const loads = new Map<string, Promise<LiveMap>>();

async function fetchMapModule(moduleSlug: string): Promise<MapModule> {
	// Through the base path: Kit works it out from the page's location (paths.relative), so the map
	// data is found wherever the prerendered pages are served from, a SCORM package included.
	// Imported here, not at the top: $app/paths brings Kit's router, which component tests of the
	// island (which import this module) must not start.
	const { resolve } = await import('$app/paths');
	const response = await fetch(resolve('/[module]/map.json', { module: moduleSlug }));
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
