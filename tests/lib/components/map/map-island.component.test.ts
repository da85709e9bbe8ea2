/**
 * The lesson map as an island: the prerendered map shows and costs nothing until the learner uses
 * it; then the live map takes its place and focus stays where the learner was.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mount, tick, unmount } from 'svelte';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import MapIsland, { exploreButton } from '$lib/components/map/MapIsland.svelte';
import NetworkMap from '$lib/components/map/NetworkMap.svelte';
import type { ModuleContext } from '$lib/model/course';
import { StaticHtml } from '$lib/static-html';
import { networkFixture, stubReducedMotion } from './context';

const loadLiveMap = vi.hoisted(() => vi.fn());
vi.mock('$lib/components/map/live-map', async (importOriginal) => ({
	...(await importOriginal<typeof import('$lib/components/map/live-map')>()),
	loadLiveMap
}));

let module: ModuleContext;
const focus = { actors: ['ana-envoy', 'boris-aide'], events: ['first-call', 'return-call', 'report'] };
let figure: {
	id: string;
	title: string;
	focus: typeof focus;
	layout: ModuleContext['network'];
	html: StaticHtml;
	styles: StaticHtml;
};

/** The map's markup as the server prerenders it (the same component, with the island's button), without its code. */
function prerendered(): string {
	const target = document.createElement('div');
	const app = mount(NetworkMap, {
		target,
		props: { module, focus, id: 'lesson-map', toolbarStart: exploreButton, title: 'Who is who in this lesson' }
	});
	const html = target.innerHTML;
	unmount(app);
	return html;
}

beforeAll(async () => {
	module = await networkFixture();
	stubReducedMotion(false);
	figure = {
		id: 'lesson-map',
		title: 'Who is who in this lesson',
		focus,
		layout: module.network,
		html: new StaticHtml(prerendered()),
		styles: new StaticHtml('')
	};
});

beforeEach(() => {
	loadLiveMap.mockReset();
	loadLiveMap.mockResolvedValue({ NetworkMap, module });
});

/** The live map has no "Explore the map" button: it is gone once the live map is in. */
const live = () => screen.queryByRole('button', { name: 'Explore the map' }) === null;

describe('MapIsland', () => {
	it('shows the prerendered map, and loads nothing until the learner uses it', () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		expect(container.querySelectorAll('svg [data-actor]')).toHaveLength(3);
		expect(container.querySelector('.map-island')?.classList.contains('ready')).toBe(true);
		expect(loadLiveMap).not.toHaveBeenCalled();
		expect(live()).toBe(false);
		// Disabled in the markup (nothing works without JavaScript), enabled once the island runs.
		expect(figure.html.html).toMatch(/<button type="button"[^>]*disabled/);
		expect(screen.getByRole('button', { name: 'Zoom in' }).hasAttribute('disabled')).toBe(false);
	});

	it('replays a control used before the map was live on the live map: a legend box filters', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'Call' }));
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		const call = screen.getByRole('checkbox', { name: 'Call' });
		expect(call).toBe(document.activeElement);
		expect((call as HTMLInputElement).checked).toBe(false);
		expect([...container.querySelectorAll('svg path.edge')].map((edge) => edge.getAttribute('data-link'))).toEqual([
			'report:ana-envoy',
			'report:boris-aide'
		]);
	});

	it('goes live when the keyboard reaches an actor, keeping focus on that actor', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		const boris = container.querySelector<HTMLElement>('svg [data-actor="boris-aide"]');
		boris?.focus();
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		expect(loadLiveMap).toHaveBeenCalledWith(module.slug);
		const active = document.activeElement;
		expect(active?.getAttribute('data-actor')).toBe('boris-aide');
		// The live element, not the static one it replaced.
		expect(active).not.toBe(boris);
		expect(container.contains(active)).toBe(true);
	});

	it('"Explore the map" brings the live map in and puts focus on its first actor', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		await fireEvent.click(screen.getByRole('button', { name: 'Explore the map' }));
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		expect(document.activeElement).toBe(container.querySelector('svg [data-actor]'));
		expect(screen.queryByRole('button', { name: 'Explore the map' })).toBeNull();
	});

	it('tabbing onto "Explore the map" changes nothing; if the map goes live meanwhile, focus moves to the control in its place', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		screen.getByRole('button', { name: 'Explore the map' }).focus();
		await tick();
		expect(loadLiveMap).not.toHaveBeenCalled();
		await fireEvent.pointerEnter(container.querySelector('.map-island') as Element);
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Play' }));
	});

	it('keeps focus on the same link of the relations table', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		const details = container.querySelector('details');
		if (details) details.open = true;
		const link = container.querySelector<HTMLElement>('tr[data-link="report:boris-aide"] a[href$="#wire-report"]');
		if (!link) throw new Error('no source link in the table');
		link.focus();
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		expect(document.activeElement).not.toBe(link);
		expect(document.activeElement?.closest('tr')?.getAttribute('data-link')).toBe('report:boris-aide');
		expect(document.activeElement?.getAttribute('href')).toBe(link.getAttribute('href'));
	});

	it('opens the card of an actor clicked before the map was live, instead of leaving the page', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		const ana = container.querySelector<HTMLElement>('svg a[data-actor="ana-envoy"]');
		const click = new MouseEvent('click', { bubbles: true, cancelable: true });
		ana?.dispatchEvent(click);
		expect(click.defaultPrevented).toBe(true);
		expect(await screen.findByRole('article', { name: 'Ana Envoy' })).toBeTruthy();
	});

	it('keeps the table open if the learner opened it before the map went live', async () => {
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		const details = container.querySelector('details');
		if (!details) throw new Error('no table');
		details.open = true;
		await fireEvent.pointerEnter(container.querySelector('.map-island') as Element);
		await vi.waitFor(() => expect(live()).toBe(true), { timeout: 5_000 });
		expect(container.querySelector('details')?.open).toBe(true);
	});

	it('says so if the live map cannot load, and keeps the prerendered one', async () => {
		loadLiveMap.mockRejectedValue(new Error('offline'));
		const { container } = render(MapIsland, { moduleSlug: module.slug, figure });
		await fireEvent.click(screen.getByRole('button', { name: 'Explore the map' }));
		expect((await screen.findByRole('alert')).textContent).toContain('could not be loaded');
		await tick();
		expect(container.querySelectorAll('svg [data-actor]')).toHaveLength(3);
	});
});
