/**
 * The timeline page's island: the prerendered timeline shows with no timeline code; the first
 * time the learner points at it or focuses into it, the live timeline takes its place and focus
 * stays on the same event.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { mount, unmount } from 'svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import Timeline from '$lib/components/timeline/Timeline.svelte';
import TimelineIsland from '$lib/components/timeline/TimelineIsland.svelte';
import type { ModuleContext } from '$lib/model/course';
import { StaticHtml } from '$lib/static-html';
import { networkFixture } from '../map/context';

let module: ModuleContext;
let figure: { id: string; html: StaticHtml; styles: StaticHtml };

/** The timeline's markup as the server prerenders it, without its code. */
function prerendered(): string {
	const target = document.createElement('div');
	const app = mount(Timeline, { target, props: { module, id: 'module-timeline' } });
	const html = target.innerHTML;
	unmount(app);
	return html;
}

beforeAll(async () => {
	module = await networkFixture();
	figure = { id: 'module-timeline', html: new StaticHtml(prerendered()), styles: new StaticHtml('') };
});

const isLive = (container: HTMLElement) =>
	container.querySelector('.timeline-island')?.getAttribute('data-live') === 'true';

describe('TimelineIsland', () => {
	it('shows every event prerendered, and stays static until used', async () => {
		const { container } = render(TimelineIsland, { module, figure });
		expect(container.querySelectorAll('[data-event]')).toHaveLength(9);
		expect(isLive(container)).toBe(false);
		// Nothing loads on a timer either: only the learner's use brings the live timeline in.
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(isLive(container)).toBe(false);
	});

	it('goes live when the keyboard reaches an event, keeping focus on that event, and the arrow keys then work', async () => {
		const { container } = render(TimelineIsland, { module, figure });
		const call = container.querySelector<HTMLElement>('[data-event="first-call"]');
		call?.focus();
		await vi.waitFor(() => expect(isLive(container)).toBe(true), { timeout: 5_000 });
		const active = document.activeElement;
		expect(active?.getAttribute('data-event')).toBe('first-call');
		expect(active).not.toBe(call);
		await fireEvent.keyDown(active as Element, { key: 'ArrowRight' });
		expect(document.activeElement?.getAttribute('data-event')).toBe('return-call');
	});

	it('goes live when pointed at, keeping the same element ids', async () => {
		const { container } = render(TimelineIsland, { module, figure });
		const ids = [...container.querySelectorAll('[id]')].map((element) => element.id);
		await fireEvent.pointerEnter(container.querySelector('.timeline-island') as Element);
		await vi.waitFor(() => expect(isLive(container)).toBe(true), { timeout: 5_000 });
		const liveIds = new Set([...container.querySelectorAll('[id]')].map((element) => element.id));
		for (const id of ids) expect(liveIds.has(id), id).toBe(true);
		expect(screen.getAllByRole('listitem').length).toBeGreaterThan(0);
	});
});
