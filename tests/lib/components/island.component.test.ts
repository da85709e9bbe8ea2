/**
 * The shared island on its own, with a prerendered figure and a live "component" written here (a
 * snippet with the same ids and links): it loads on first use, never before; focus stays on the
 * same element across the swap; a click the caller keeps is made again on the live markup; a
 * failed load says so, keeps the figure and can be retried.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { createRawSnippet, tick } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import Island from '$lib/components/Island.svelte';
import { StaticHtml } from '$lib/static-html';

/** The same content in both renderings; the live one says it is live and counts presses. */
const content = (live: boolean) =>
	`<div class="figure"${live ? ' data-rendering="live"' : ''}>` +
	`<button type="button" data-island-start>Start</button>` +
	`<ul><li id="item-a"><a href="#a">A</a></li><li id="item-b"><a href="#b">B</a></li></ul>` +
	`<button type="button" id="press"${live ? '' : ' disabled'}>Press</button>` +
	`<details><summary>More</summary>Text</details></div>`;

const figure = { html: new StaticHtml(content(false)), styles: new StaticHtml('') };
const live = createRawSnippet(() => ({
	render: () => content(true).replace(/<button[^>]*data-island-start[^>]*>Start<\/button>/, '')
}));

function setup(load: () => Promise<unknown>) {
	const { container } = render(Island, {
		figure,
		class: 'test-island',
		load,
		live,
		loadingMessage: 'Loading the live figure…',
		failedMessage: 'The live figure could not be loaded.',
		entry: (element: HTMLElement) => element.querySelector<HTMLElement>('#item-a a'),
		replays: (target: Element) => target.closest('#press')
	});
	const isLive = () => container.querySelector('[data-rendering="live"]') !== null;
	return { container, isLive };
}

describe('Island', () => {
	it('shows the prerendered figure and loads nothing until used; enables its controls', async () => {
		const load = vi.fn(() => Promise.resolve(undefined));
		const { container, isLive } = setup(load);
		expect(container.querySelector('#item-b a')).not.toBeNull();
		expect(container.querySelector('.test-island')?.classList.contains('ready')).toBe(true);
		expect(screen.getByRole('button', { name: 'Press' }).hasAttribute('disabled')).toBe(false);
		await tick();
		expect(load).not.toHaveBeenCalled();
		expect(isLive()).toBe(false);
	});

	it('goes live when something in it is focused, saying so meanwhile, and keeps focus on the same link', async () => {
		let loaded = () => {};
		const load = vi.fn(() => new Promise<void>((resolve) => (loaded = resolve)));
		const { container, isLive } = setup(load);
		const link = container.querySelector<HTMLElement>('#item-b a');
		link?.focus();
		await tick();
		expect(container.querySelector('[aria-live]')?.textContent).toBe('Loading the live figure…');
		loaded();
		await vi.waitFor(() => expect(isLive()).toBe(true), { timeout: 5_000 });
		expect(load).toHaveBeenCalledTimes(1);
		expect(document.activeElement).not.toBe(link);
		expect(document.activeElement?.closest('li')?.id).toBe('item-b');
		expect(container.querySelector('.test-island')?.getAttribute('data-live')).toBe('true');
		expect(container.querySelector('[aria-live]')?.textContent).toBe('');
	});

	it('keeps an open disclosure open, and replays a kept click on the live control', async () => {
		const { container, isLive } = setup(() => Promise.resolve(undefined));
		const details = container.querySelector('details');
		if (details) details.open = true;
		const pressed = vi.fn();
		container.addEventListener('click', (event) => {
			if (event.target instanceof Element && event.target.closest('[data-rendering="live"] #press')) pressed();
		});
		const click = new MouseEvent('click', { bubbles: true, cancelable: true });
		screen.getByRole('button', { name: 'Press' }).dispatchEvent(click);
		expect(click.defaultPrevented).toBe(true);
		await vi.waitFor(() => expect(isLive()).toBe(true), { timeout: 5_000 });
		expect(pressed).toHaveBeenCalledTimes(1);
		expect(document.activeElement?.id).toBe('press');
		expect(container.querySelector('details')?.open).toBe(true);
	});

	it('starts on its start control (not on tabbing to it), putting focus on its entry', async () => {
		const load = vi.fn(() => Promise.resolve(undefined));
		const { container, isLive } = setup(load);
		const start = screen.getByRole('button', { name: 'Start' });
		start.focus();
		await tick();
		expect(load).not.toHaveBeenCalled();
		await fireEvent.click(start);
		await vi.waitFor(() => expect(isLive()).toBe(true), { timeout: 5_000 });
		expect(document.activeElement).toBe(container.querySelector('#item-a a'));
	});

	it('says so when the load fails, keeps the figure, and tries again on the next use', async () => {
		const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
		const { container, isLive } = setup(load);
		await fireEvent.pointerEnter(container.querySelector('.test-island') as Element);
		expect((await screen.findByRole('alert')).textContent).toBe('The live figure could not be loaded.');
		expect(isLive()).toBe(false);
		expect(container.querySelector('#item-b a')).not.toBeNull();
		container.querySelector<HTMLElement>('#item-b a')?.focus();
		await vi.waitFor(() => expect(isLive()).toBe(true), { timeout: 5_000 });
		expect(screen.queryByRole('alert')).toBeNull();
		expect(document.activeElement?.closest('li')?.id).toBe('item-b');
	});
});
