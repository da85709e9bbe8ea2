/**
 * Content checks of the "witkoff-leak" module's figures as learners see them: its map, each
 * lesson's focused map, its timeline and the quotes its actor cards show. The layout code is
 * tested on fixture modules (tests/lib/server/layout); this file checks that this module's
 * content comes out readable through it.
 */
import { describe, expect, it } from 'vitest';
import { mapGraph } from '$lib/network/graph';
import { overlappingNames } from '$lib/server/layout/name-placement';
import { actorsOnEdges, expectInside } from '../fixtures/network/drawing-checks';
import { witkoffLeak } from './witkoff-leak.module';

const module = await witkoffLeak();
const names = new Map(module.actors.map((actor) => [actor.id, actor.name]));
const maps = [
	{ name: 'the full map', graph: mapGraph(module), layout: module.network },
	// Each lesson's map as its page draws it: the layout the loader computed.
	...module.lessons.map((lesson) => ({
		name: `lesson ${lesson.slug}`,
		graph: mapGraph(module, lesson.focus, lesson.mapLayout),
		layout: lesson.mapLayout
	}))
];

describe('the maps', () => {
	it.each(maps)('$name: no actor sits on a relation that is not theirs', ({ graph }) => {
		// A node's largest shape reaches 14.5 from its centre; lines run clear of that.
		expect(actorsOnEdges(graph, 16)).toEqual([]);
	});

	it.each(maps)('$name: no two names overlap', ({ graph }) => {
		expect(overlappingNames(graph.nodes)).toEqual([]);
	});

	it.each(maps)('$name: every shape and name lies inside the drawing, none clipped at its edge', ({ layout }) => {
		expectInside(layout, names);
	});
});

describe('the timeline', () => {
	it('gives the Flynn case its own segments, aligned above the 2025 leak', () => {
		const tracks = module.timeline.segments.map((segment) => segment.rows.map((row) => row.track));
		expect(tracks.at(-1)).toEqual(['calls', 'diplomacy', 'publication', 'reactions']);
		expect(tracks.slice(0, -1).length).toBeGreaterThan(0);
		for (const earlier of tracks.slice(0, -1)) expect(earlier).toEqual(['flynn']);
		expect(module.timeline.segments[0]?.label).toMatch(/^December 2016 – /);
		expect(module.timeline.segments.at(-1)?.gapBefore).toMatch(/years/);
	});
});

describe('quotes on the actor cards', () => {
	it('finds more than five, each by a member of the cast', () => {
		const cast = new Set(module.actors.map((actor) => actor.id));
		expect(module.quotes.length).toBeGreaterThan(5);
		expect(module.quotes.filter((quote) => !cast.has(quote.actor)).map((quote) => quote.actor)).toEqual([]);
	});
});
