import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { exploreButton } from '$lib/components/map/MapIsland.svelte';
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import type { ModuleContext } from '$lib/model/course';
import { syntheticModule } from '../../../fixtures/network/synthetic';
import { networkFixture, stubReducedMotion } from './context';

let module: ModuleContext;

beforeAll(async () => {
	module = await networkFixture();
});
beforeEach(() => stubReducedMotion(false));
afterEach(() => vi.useRealTimers());

/** The edges the SVG draws and the rows the table lists, each as sorted link ids. */
function drawn(container: HTMLElement): { edges: string[]; rows: string[]; nodes: string[] } {
	const ids = (selector: string, attribute: string) =>
		[...container.querySelectorAll(selector)].map((element) => element.getAttribute(attribute) ?? '').sort();
	return {
		edges: ids('svg path.edge', 'data-link'),
		rows: ids('tbody tr[data-link]', 'data-link'),
		nodes: ids('svg [data-actor]', 'data-actor')
	};
}

function actor(container: HTMLElement, id: string): SVGElement {
	const element = container.querySelector<SVGElement>(`svg [data-actor="${id}"]`);
	if (!element) throw new Error(`no node for ${id}`);
	return element;
}

const ALL_LINKS = [
	'boris-complains:eve-editor',
	'cara-criticism:ana-envoy',
	'dmitri-defence:boris-aide',
	'first-call:boris-aide',
	'old-call:dmitri-deputy',
	'old-resignation:cara-chief',
	'report:ana-envoy',
	'report:boris-aide',
	'return-call:ana-envoy',
	'side-meeting:dmitri-deputy'
];

describe('NetworkMap: drawing and its text equivalent', () => {
	it('draws every actor and relation, and the table lists exactly the drawn edges', () => {
		const { container } = render(NetworkMap, { module, tableOpen: true });
		const now = drawn(container);
		expect(now.nodes).toEqual(module.actors.map((item) => item.id).sort());
		expect(now.edges).toEqual(ALL_LINKS);
		expect(now.rows).toEqual(now.edges);
		const cells = (id: string) =>
			[...(container.querySelector(`tr[data-link="${id}"]`)?.querySelectorAll('td') ?? [])].map((cell) =>
				cell.textContent?.replace(/\s+/g, ' ').trim()
			);
		// A call has no direction: "with", not an arrow.
		expect(cells('first-call:boris-aide')).toEqual([
			'Ana Envoy',
			'Call with Boris Aide',
			'Ana calls Boris',
			'14 Oct 2025',
			'Example Wire'
		]);
		expect(cells('cara-criticism:ana-envoy')[1]).toBe('Criticism of Ana Envoy');
		// Participants draw no edge, and the table names them.
		expect(cells('side-meeting:dmitri-deputy')[2]).toBe('Ana meets Dmitri Also involved: Cara Chief.');
	});

	it('draws calls and meetings without arrowheads, and directed relations with one at the target', () => {
		const { container } = render(NetworkMap, { module, id: 'fixture' });
		const edge = (id: string) => container.querySelector(`path.edge[data-link="${id}"]`);
		expect(edge('first-call:boris-aide')?.hasAttribute('marker-end')).toBe(false);
		expect(edge('first-call:boris-aide')?.hasAttribute('marker-start')).toBe(false);
		// A meeting's mark is drawn at both ends alike.
		expect(edge('side-meeting:dmitri-deputy')?.getAttribute('marker-start')).toBe('url(#fixture-m-meeting)');
		expect(edge('side-meeting:dmitri-deputy')?.getAttribute('marker-end')).toBe('url(#fixture-m-meeting)');
		expect(edge('cara-criticism:ana-envoy')?.getAttribute('marker-end')).toBe('url(#fixture-m-criticism)');
		expect(edge('cara-criticism:ana-envoy')?.hasAttribute('marker-start')).toBe(false);
		expect(container.querySelector('#fixture-m-call')).toBeNull();
	});

	it('shows days on the edges at rest, once per bundle, and every date of an actor’s edges on highlight', async () => {
		const { container } = render(NetworkMap, { module });
		const dates = () => [...container.querySelectorAll('svg text.edge-date')].map((text) => text.textContent);
		// The Daily's report about Ana and Boris has one day: it is said once. Months wait for a highlight.
		expect(dates().filter((date) => date === '25 Nov 2025')).toHaveLength(1);
		expect(dates()).not.toContain('Oct 2025');
		await fireEvent.pointerEnter(actor(container, 'dmitri-deputy'));
		expect(dates()).toContain('Oct 2025');
		expect(dates()).toContain('29 Dec 2016');
	});

	it('names each actor with its side, never by colour alone', () => {
		const { container } = render(NetworkMap, { module });
		expect(actor(container, 'eve-editor').getAttribute('aria-label')).toBe('Eve Editor, The press, 3 relations shown');
		expect(actor(container, 'gus-ghost').getAttribute('aria-label')).toBe('Gus Ghost, East, no relation shown');
		const legend = screen.getByRole('group', { name: /Relations/ });
		expect(
			within(legend)
				.getAllByRole('checkbox')
				.map((box) => box.parentElement?.textContent?.trim())
		).toEqual(['Call', 'Meeting', 'Statement about', 'Criticism', 'Defence', 'Publication about', 'Other']);
	});

	it('draws at the positions of the layout it is given, names on the side the layout chose', () => {
		const layout = {
			width: 400,
			height: 300,
			nodes: module.network.nodes.map((node, index) => ({
				id: node.id,
				x: 40 + index * 10,
				y: 150,
				label: 'above' as const
			}))
		};
		const { container } = render(NetworkMap, { module, layout });
		expect(actor(container, 'ana-envoy').closest('g[transform]')?.getAttribute('transform')).toBe('translate(40 150)');
		const name = actor(container, 'ana-envoy').querySelector('text.name');
		expect(Number(name?.getAttribute('y'))).toBeLessThan(0);
	});

	it('puts the island\'s "Explore the map" first in its toolbar when given it, and has none of its own', () => {
		const { container } = render(NetworkMap, { module, toolbarStart: exploreButton });
		expect(container.querySelector('.toolbar > :first-child')?.textContent).toBe('Explore the map');
		const live = render(NetworkMap, { module });
		expect(live.container.querySelector('[data-map-explore]')).toBeNull();
	});
});

describe('NetworkMap: the actor card', () => {
	it('opens on click, with role, side, quotes, events linked to lessons and sources', async () => {
		const { container } = render(NetworkMap, { module });
		const ana = actor(container, 'ana-envoy');
		expect([ana.tagName, ana.namespaceURI]).toEqual(['a', 'http://www.w3.org/2000/svg']);
		await fireEvent.click(ana);
		const card = await screen.findByRole('article', { name: 'Ana Envoy' });
		expect(card.textContent).toContain('Envoy of the West · West Office');
		expect(card.textContent).toContain('Side: West');
		expect(card.textContent).toContain('“It was a good call.”');
		expect(within(card).getByRole('link', { name: 'The talks' }).getAttribute('href')).toBe(
			'/net-module/the-talks#first-call'
		);
		expect(within(card).getByRole('link', { name: 'Ana calls Boris' }).getAttribute('href')).toBe(
			'/net-module/the-talks#first-call'
		);
		expect(within(card).getAllByRole('link', { name: 'Example Wire' }).length).toBeGreaterThan(0);
		// What each event was to her: a call "with", a criticism "by".
		expect(card.textContent).toContain('(Call with Boris Aide)');
		expect(card.textContent).toContain('(Criticism by Cara Chief)');
		expect(actor(container, 'ana-envoy').getAttribute('aria-expanded')).toBe('true');
	});

	it('opens on Enter, takes focus, and gives it back to the actor when closed', async () => {
		const { container } = render(NetworkMap, { module });
		const boris = actor(container, 'boris-aide');
		boris.focus();
		await fireEvent.keyDown(boris, { key: 'Enter' });
		const card = await screen.findByRole('article', { name: 'Boris Aide' });
		expect(card.closest('[role="region"]')).toBe(document.activeElement);
		await fireEvent.click(screen.getByRole('button', { name: 'Back to the map' }));
		expect(document.activeElement).toBe(boris);
		expect(screen.queryByRole('article', { name: 'Boris Aide' })).toBeNull();
	});

	it('works without JavaScript as a link to the actor’s card on the people page', () => {
		const { container } = render(NetworkMap, { module });
		expect(actor(container, 'ana-envoy').getAttribute('href')).toBe('/net-module/people#ana-envoy');
	});
});

describe('NetworkMap: filters and the date slider change what is drawn', () => {
	it('hides a relation kind when its box is unticked, in the drawing and the table', async () => {
		const { container } = render(NetworkMap, { module });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'Call' }));
		const now = drawn(container);
		expect(now.edges).toEqual(
			ALL_LINKS.filter(
				(id) => !['first-call:boris-aide', 'return-call:ana-envoy', 'old-call:dmitri-deputy'].includes(id)
			)
		);
		expect(now.rows).toEqual(now.edges);
		await fireEvent.click(screen.getByRole('checkbox', { name: 'Call' }));
		expect(drawn(container).edges).toEqual(ALL_LINKS);
	});

	it('hides a side’s actors and their relations', async () => {
		const { container } = render(NetworkMap, { module });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'The press' }));
		const now = drawn(container);
		expect(now.nodes).not.toContain('eve-editor');
		expect(now.edges).toEqual(
			ALL_LINKS.filter((id) => !id.startsWith('report:') && id !== 'boris-complains:eve-editor')
		);
		expect(now.rows).toEqual(now.edges);
	});

	it('shows the network as it stood on the chosen day', async () => {
		const { container } = render(NetworkMap, { module });
		const slider = screen.getByRole('slider', { name: 'Network as of' });
		expect(slider.getAttribute('aria-valuetext')).toBe('end of November 2025');
		await fireEvent.input(slider, { target: { value: '0' } });
		expect(slider.getAttribute('aria-valuetext')).toBe('29 Dec 2016');
		expect(drawn(container).edges).toEqual(['old-call:dmitri-deputy']);
		expect(drawn(container).rows).toEqual(['old-call:dmitri-deputy']);
		expect(container.querySelector('caption')?.textContent).toBe('Relations shown on the map, as of 29 Dec 2016');
		expect(actor(container, 'ana-envoy').classList.contains('idle')).toBe(true);

		// The stop after 29 October is the end of October: the month-only meeting has happened by then.
		await fireEvent.input(slider, { target: { value: '4' } });
		expect(slider.getAttribute('aria-valuetext')).toBe('end of October 2025');
		const now = drawn(container);
		expect(now.edges).toEqual([
			'first-call:boris-aide',
			'old-call:dmitri-deputy',
			'old-resignation:cara-chief',
			'return-call:ana-envoy',
			'side-meeting:dmitri-deputy'
		]);
		expect(now.rows).toEqual(now.edges);
	});

	it('plays through the dates, one step at a time', async () => {
		vi.useFakeTimers();
		render(NetworkMap, { module });
		const slider = screen.getByRole('slider', { name: 'Network as of' });
		await fireEvent.input(slider, { target: { value: '0' } });
		await fireEvent.click(screen.getByRole('button', { name: 'Play' }));
		await vi.advanceTimersByTimeAsync(900);
		expect(slider.getAttribute('aria-valuetext')).toBe('13 Feb 2017');
		await fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
		await vi.advanceTimersByTimeAsync(2000);
		expect(slider.getAttribute('aria-valuetext')).toBe('13 Feb 2017');
	});

	it('with reduced motion, steps only when asked (Next date instead of Play)', async () => {
		stubReducedMotion(true);
		render(NetworkMap, { module });
		await tick();
		expect(screen.queryByRole('button', { name: 'Play' })).toBeNull();
		const slider = screen.getByRole('slider', { name: 'Network as of' });
		await fireEvent.click(screen.getByRole('button', { name: 'First date' }));
		expect(slider.getAttribute('aria-valuetext')).toBe('29 Dec 2016');
		await fireEvent.click(screen.getByRole('button', { name: 'Next date' }));
		expect(slider.getAttribute('aria-valuetext')).toBe('13 Feb 2017');
	});
});

describe('NetworkMap: highlighting and the keyboard', () => {
	it('highlights an actor’s relations and neighbours on hover, dimming the rest', async () => {
		const { container } = render(NetworkMap, { module });
		await fireEvent.pointerEnter(actor(container, 'dmitri-deputy'));
		const lit = [...container.querySelectorAll('path.edge.lit')].map((edge) => edge.getAttribute('data-link')).sort();
		expect(lit).toEqual(['dmitri-defence:boris-aide', 'old-call:dmitri-deputy', 'side-meeting:dmitri-deputy']);
		expect(container.querySelectorAll('path.edge.dim')).toHaveLength(ALL_LINKS.length - 3);
		expect(actor(container, 'boris-aide').classList.contains('dim')).toBe(false);
		expect(actor(container, 'eve-editor').classList.contains('dim')).toBe(true);
		await fireEvent.pointerLeave(actor(container, 'dmitri-deputy'));
		expect(container.querySelectorAll('.dim')).toHaveLength(0);
	});

	it('puts actors in the tab order by side, and moves with the arrow keys only to connected actors', async () => {
		const { container } = render(NetworkMap, { module });
		expect([...container.querySelectorAll('svg [data-actor]')].map((node) => node.getAttribute('data-actor'))).toEqual([
			'ana-envoy',
			'cara-chief',
			'finn-former',
			'boris-aide',
			'dmitri-deputy',
			'gus-ghost',
			'eve-editor'
		]);
		const connected = ['boris-aide', 'dmitri-deputy', 'eve-editor', 'cara-chief'];
		const reached = new Set<string>();
		for (const key of ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']) {
			const ana = actor(container, 'ana-envoy');
			ana.focus();
			await fireEvent.keyDown(ana, { key });
			const now = document.activeElement?.getAttribute('data-actor') ?? '';
			if (now !== 'ana-envoy') reached.add(now);
		}
		expect(reached.size).toBeGreaterThan(0);
		for (const id of reached) expect(connected).toContain(id);
		const gus = actor(container, 'gus-ghost');
		gus.focus();
		await fireEvent.keyDown(gus, { key: 'ArrowRight' });
		expect(document.activeElement).toBe(gus);
	});
});

describe('NetworkMap: a lesson’s focused map', () => {
	it('draws only the lesson’s actors and events, with a way to the full map', () => {
		const { container } = render(NetworkMap, {
			module,
			focus: { actors: ['ana-envoy', 'boris-aide'], events: ['first-call', 'return-call'] }
		});
		const now = drawn(container);
		expect(now.nodes).toEqual(['ana-envoy', 'boris-aide']);
		expect(now.edges).toEqual(['first-call:boris-aide', 'return-call:ana-envoy']);
		expect(now.rows).toEqual(now.edges);
		expect(screen.getByRole('link', { name: 'Open the full map of the module' }).getAttribute('href')).toBe(
			'/net-module/map'
		);
	});
});

describe('NetworkMap: pick mode, for map questions', () => {
	it('makes actors toggle buttons that report the pick instead of opening a card', async () => {
		const onpick = vi.fn();
		const { container, rerender } = render(NetworkMap, { module, pickable: true, onpick });
		const boris = actor(container, 'boris-aide');
		// The same actor markup as the link's, drawn as SVG (a group), not as an unknown HTML element.
		expect([boris.tagName, boris.namespaceURI]).toEqual(['g', 'http://www.w3.org/2000/svg']);
		expect(boris.getAttribute('role')).toBe('button');
		expect(boris.getAttribute('aria-pressed')).toBe('false');
		expect(boris.hasAttribute('href')).toBe(false);
		await fireEvent.click(boris);
		expect(onpick).toHaveBeenLastCalledWith('boris-aide');
		expect(screen.queryByRole('article')).toBeNull();

		await rerender({ module, pickable: true, onpick, picked: 'boris-aide' });
		expect(actor(container, 'boris-aide').getAttribute('aria-pressed')).toBe('true');
		expect(screen.getByText('Your choice: Boris Aide.')).toBeTruthy();

		await fireEvent.keyDown(actor(container, 'ana-envoy'), { key: 'Enter' });
		expect(onpick).toHaveBeenLastCalledWith('ana-envoy');
		await fireEvent.keyDown(actor(container, 'cara-chief'), { key: ' ' });
		expect(onpick).toHaveBeenLastCalledWith('cara-chief');
		expect(onpick).toHaveBeenCalledTimes(3);
	});
});

describe('NetworkMap at scale', () => {
	it('draws 1,000 actors with one transformed group, names only where needed', async () => {
		const big = syntheticModule(1000);
		const { container } = render(NetworkMap, { module: big });
		expect(container.querySelectorAll('svg [data-actor]')).toHaveLength(1000);
		expect(container.querySelectorAll('svg path.edge')).toHaveLength(1500);
		// Zoom and pan move one group; nothing per node changes while panning.
		expect(container.querySelectorAll('svg g.drawing')).toHaveLength(1);
		expect(container.querySelector('svg g.drawing')?.getAttribute('transform')).toBe('translate(0 0) scale(1)');
		expect(container.querySelectorAll('svg text.name')).toHaveLength(0);
		expect(container.querySelectorAll('svg text.edge-date')).toHaveLength(0);
		await fireEvent.pointerEnter(actor(container, 'actor-7'));
		const named = [...container.querySelectorAll('svg text.name')].map((text) => text.textContent);
		expect(named).toContain('Actor 7');
		expect(named.length).toBeLessThan(20);
	});

	/** A mouse event whose `view` is the window, as d3-zoom expects (jsdom refuses vitest's window in the constructor). */
	function mouse(type: string, at = 10): MouseEvent {
		const event = new MouseEvent(type, { bubbles: true, clientX: at, clientY: at });
		Object.defineProperty(event, 'view', { value: window });
		return event;
	}

	it('loads zoom on first touch, and draws a large map plainly only while it is panned', async () => {
		const { container } = render(NetworkMap, { module: syntheticModule(200) });
		const svg = container.querySelector<SVGSVGElement>('svg[role="group"]');
		if (!svg) throw new Error('no map');
		await fireEvent.pointerDown(svg);
		// d3-zoom arrives with a dynamic import; once bound, a press starts a gesture.
		await vi.waitFor(
			async () => {
				svg.dispatchEvent(mouse('mousedown'));
				await tick();
				expect(svg.classList.contains('moving')).toBe(true);
			},
			{ timeout: 5_000 }
		);
		window.dispatchEvent(mouse('mouseup'));
		await tick();
		expect(svg.classList.contains('moving')).toBe(false);
	});

	it('keeps a small map fully drawn while it is panned', async () => {
		const { container } = render(NetworkMap, { module });
		const svg = container.querySelector<SVGSVGElement>('svg[role="group"]');
		if (!svg) throw new Error('no map');
		await fireEvent.pointerDown(svg);
		await vi.waitFor(
			async () => {
				svg.dispatchEvent(mouse('mousedown'));
				window.dispatchEvent(mouse('mousemove', 60));
				await tick();
				expect(svg.querySelector('g.drawing')?.getAttribute('transform')).not.toBe('translate(0 0) scale(1)');
			},
			{ timeout: 5_000 }
		);
		expect(svg.classList.contains('moving')).toBe(false);
		window.dispatchEvent(mouse('mouseup', 60));
	});
});
