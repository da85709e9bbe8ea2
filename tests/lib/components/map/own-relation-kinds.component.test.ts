/**
 * A module's own relation kinds on the map, its legend, its table, the actor card and the
 * timeline: the every-type fixture module declares "Phone call" (undirected) and "News report"
 * (directed), and nothing of the default kinds may show.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ActorCard from '$lib/components/ActorCard.svelte';
import MapLegend from '$lib/components/map/MapLegend.svelte';
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import Timeline from '$lib/components/timeline/Timeline.svelte';
import type { Module } from '$lib/model/course';
import { resolveRelationKinds } from '$lib/model/relation-kinds';
import { relationStyles } from '$lib/network/symbols';
import type { MapModule } from '$lib/network/map-data';
import { toMapModule } from '$lib/server/pages/map-module';
import { everyTypeModule } from '../../server/export/every-type-module';
import { stubReducedMotion } from './context';

let module: Module;
let mapModule: MapModule;

beforeAll(async () => {
	module = await everyTypeModule();
	mapModule = toMapModule(module);
});
beforeEach(() => stubReducedMotion(false));

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

describe('MapLegend with a module’s own kinds', () => {
	const apollo = [
		...relationStyles(
			resolveRelationKinds([
				{ id: 'radio-call', label: 'Radio call', directed: false, phrase: 'Radio call with' },
				{ id: 'decision', label: 'Decision', directed: true, phrase: 'Decision about', reverse: 'Decided on by' },
				{ id: 'telemetry', label: 'Telemetry', directed: true, phrase: 'Telemetry to', reverse: 'Telemetry from' }
			])
		).values()
	];

	it('lists each kind by its label with its own line and end mark, and filters by kind', async () => {
		const toggled: string[] = [];
		const { container } = render(MapLegend, {
			sides: [],
			kinds: apollo,
			hiddenSides: new Set<string>(),
			hiddenKinds: new Set(['telemetry']),
			markerId: (kind: string) => `m-${kind}`,
			ontoggleside: () => undefined,
			ontogglekind: (kind: string) => toggled.push(kind)
		});
		const legend = screen.getByRole('group', { name: /Relations/ });
		const boxes = within(legend).getAllByRole('checkbox');
		expect(boxes.map((box) => text(box.parentElement))).toEqual(['Radio call', 'Decision', 'Telemetry']);
		expect(boxes.map((box) => (box as HTMLInputElement).checked)).toEqual([true, true, false]);
		const lines = [...container.querySelectorAll('svg.swatch line')].map((line) => [
			line.getAttribute('stroke'),
			line.getAttribute('stroke-dasharray'),
			line.getAttribute('marker-start'),
			line.getAttribute('marker-end')
		]);
		expect(lines).toEqual([
			// The first style has no end mark: an undirected kind on it has none.
			['var(--rel-1)', null, null, null],
			// A directed kind is marked at its target only.
			['var(--rel-2)', null, null, 'url(#m-decision)'],
			['var(--rel-3)', '1.5 4', null, 'url(#m-telemetry)']
		]);
		await fireEvent.click(within(legend).getByRole('checkbox', { name: 'Decision' }));
		expect(toggled).toEqual(['decision']);
	});
});

describe('NetworkMap, card and timeline with a module’s own kinds', () => {
	it('draws, names and words the relations in the module’s kinds', async () => {
		const { container } = render(NetworkMap, { module: mapModule, tableOpen: true, id: 'own' });
		const legend = screen.getByRole('group', { name: /Relations/ });
		expect(
			within(legend)
				.getAllByRole('checkbox')
				.map((box) => text(box.parentElement))
		).toEqual(['Phone call', 'News report']);
		const row = (id: string) => [...(container.querySelector(`tr[data-link="${id}"]`)?.querySelectorAll('td') ?? [])];
		expect(text(row('first-call:boris-aide')[1])).toBe('Phone call with Boris Aide');
		expect(text(row('report:boris-aide')[1])).toBe('News report on Boris Aide');
		const edge = (id: string) => container.querySelector(`path.edge[data-link="${id}"]`);
		expect(edge('report:boris-aide')?.getAttribute('marker-end')).toBe('url(#own-m-news-report)');
		expect(edge('report:boris-aide')?.hasAttribute('marker-start')).toBe(false);
		expect(edge('first-call:boris-aide')?.hasAttribute('marker-end')).toBe(false);
		expect(text(container.querySelector('.intro'))).toContain(
			'A line of “News report” ends in a mark at the actor it was aimed at. “Phone call” has no direction'
		);
		// Hiding a kind hides its edges.
		await fireEvent.click(within(legend).getByRole('checkbox', { name: 'News report' }));
		expect(edge('report:boris-aide')).toBeNull();
		expect(edge('first-call:boris-aide')).not.toBeNull();
	});

	it('words each event on the actor card from the actor’s end', () => {
		const boris = module.actors.find((actor) => actor.id === 'boris-aide');
		if (!boris) throw new Error('no Boris Aide in the fixture');
		const { container } = render(ActorCard, { actor: boris, module: mapModule });
		expect([...container.querySelectorAll('.relation')].map(text)).toEqual([
			'(Phone call with Ana Envoy)',
			'(Phone call with Ana Envoy)',
			'(Reported on by Ana Envoy)'
		]);
	});

	it('names the timeline’s markers and legend by the module’s kinds', () => {
		const { container } = render(Timeline, { module, id: 'own-timeline' });
		expect([...container.querySelectorAll('ul.legend li')].map(text).slice(0, 2)).toEqual([
			'Phone call',
			'News report'
		]);
		expect(container.querySelector('[data-event="first-call"]')?.getAttribute('aria-label')).toBe(
			'Ana calls Boris. 14 Oct 2025. Phone call, The calls.'
		);
		expect(container.querySelector('#own-timeline-p-news-report')).not.toBeNull();
		expect(text(container.querySelector('#own-timeline-event-report .meta'))).toContain('News report · The calls');
	});
});
