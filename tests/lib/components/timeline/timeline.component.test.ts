import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import Timeline from '$lib/components/timeline/Timeline.svelte';
import type { ModuleContext } from '$lib/model/course';
import { networkFixture } from '../map/context';

let module: ModuleContext;

beforeAll(async () => {
	module = await networkFixture();
});

function mark(container: HTMLElement, id: string): SVGElement {
	const element = container.querySelector<SVGElement>(`[data-event="${id}"]`);
	if (!element) throw new Error(`no mark for ${id}`);
	return element;
}

const MARK_ORDER = [
	'old-call',
	'old-resignation',
	'side-meeting',
	'first-call',
	'return-call',
	'cara-criticism',
	'report',
	'dmitri-defence',
	'editorial'
];

describe('Timeline', () => {
	it('draws one aligned panel per segment, with the break between them said in words', () => {
		const { container } = render(Timeline, { module });
		const panels = [...container.querySelectorAll('svg[role="group"]')];
		expect(panels.map((panel) => panel.getAttribute('width'))).toEqual(['880', '880']);
		expect(screen.getByRole('heading', { name: 'December 2016 – February 2017' })).toBeTruthy();
		expect(screen.getByRole('heading', { name: 'October 2025 – November 2025' })).toBeTruthy();
		expect(screen.getByText(/The time axis breaks here: 8 years and 8 months pass/)).toBeTruthy();
		// Row names sit in the panel's scrolling box, beside the drawing, so they can stay in view.
		const box = (index: number) => panels[index]?.closest('.scroll') as HTMLElement;
		expect(within(box(1)).getByText('The talks').closest('.row-names')).not.toBeNull();
		expect(within(box(1)).getByText('Reactions')).toBeTruthy();
		expect(within(box(0)).queryByText('The talks')).toBeNull();
	});

	it('gives every dated event a marker linked to its lesson section, a month-only one a bar', () => {
		const { container } = render(Timeline, { module });
		expect(
			[...container.querySelectorAll('[data-event]')].map((element) => element.getAttribute('data-event'))
		).toEqual(MARK_ORDER);
		expect(mark(container, 'first-call').getAttribute('href')).toBe('/net-module/the-talks#first-call');
		expect(mark(container, 'first-call').getAttribute('aria-label')).toBe(
			'Ana calls Boris. 14 Oct 2025. Call, The talks.'
		);
		// No lesson tells the defence: its marker points at its entry in the list.
		const defence = mark(container, 'dmitri-defence').getAttribute('href') ?? '';
		expect(container.querySelector(defence)?.textContent).toContain('Dmitri defends Boris');
		expect(mark(container, 'cara-criticism').querySelector('rect.span')).not.toBeNull();
		expect(mark(container, 'cara-criticism').getAttribute('aria-label')).toContain('November 2025 (day unknown)');
		expect(mark(container, 'first-call').querySelector('rect.span')).toBeNull();
	});

	it('draws each event’s title beside its mark, and the whole title while it is selected', async () => {
		const { container } = render(Timeline, { module });
		for (const id of MARK_ORDER) {
			const title = mark(container, id).querySelector('text.mark-title')?.textContent ?? '';
			const event = module.events.find((candidate) => candidate.id === id);
			expect(title.length, id).toBeGreaterThan(0);
			expect(event?.title.startsWith(title.replace(/…$/, '')), id).toBe(true);
		}
		await fireEvent.focus(mark(container, 'first-call'));
		expect(mark(container, 'first-call').querySelector('text.mark-title')?.textContent).toBe('Ana calls Boris');
	});

	it('is one tab stop; the arrow keys, Home and End move through events in time order', async () => {
		const { container } = render(Timeline, { module });
		const tabbable = () =>
			[...container.querySelectorAll('[data-event]')].filter((element) => element.getAttribute('tabindex') === '0');
		expect(tabbable().map((element) => element.getAttribute('data-event'))).toEqual(['old-call']);
		mark(container, 'old-call').focus();
		await fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
		expect(document.activeElement).toBe(mark(container, 'old-resignation'));
		// Across the break, from the old case to 2025.
		await fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowRight' });
		expect(document.activeElement).toBe(mark(container, 'side-meeting'));
		await fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
		expect(document.activeElement).toBe(mark(container, 'editorial'));
		await fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowLeft' });
		expect(document.activeElement).toBe(mark(container, 'dmitri-defence'));
		expect(tabbable().map((element) => element.getAttribute('data-event'))).toEqual(['dmitri-defence']);
		await fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
		expect(document.activeElement).toBe(mark(container, 'old-call'));
	});

	it('shows the focused event’s summary, lesson link and sources', async () => {
		const { container } = render(Timeline, { module });
		const details = screen.getByRole('region', { name: 'Selected event' });
		expect(details.textContent).toContain('Point at or focus an event');
		await fireEvent.focus(mark(container, 'report'));
		expect(details.textContent).toContain('The Daily prints the calls');
		expect(details.textContent).toContain('25 Nov 2025 · Publication about · Reactions');
		expect(within(details).getByRole('link', { name: 'Read about it in the lesson' }).getAttribute('href')).toBe(
			'/net-module/the-talks#reactions'
		);
		expect(within(details).getAllByRole('link', { name: 'Example Wire' })[0]?.getAttribute('href')).toBe(
			'/net-module/sources#wire-report'
		);
		await fireEvent.pointerEnter(mark(container, 'first-call'));
		expect(details.textContent).toContain('Ana calls Boris');
	});

	it('lists every event in time order as its text equivalent, undated ones last and named beside the drawing', () => {
		const { container } = render(Timeline, { module });
		const list = container.querySelector('ol.event-list');
		const items = [...(list?.querySelectorAll(':scope > li') ?? [])];
		expect(items.map((item) => item.id.replace(/^.*-event-/, ''))).toEqual([
			'old-call',
			'old-resignation',
			'first-call',
			'return-call',
			'side-meeting',
			'report',
			'dmitri-defence',
			'editorial',
			'cara-criticism',
			'boris-complains'
		]);
		expect(items[4]?.textContent).toContain('October 2025 (day unknown)');
		expect(items[4]?.textContent).toContain('The report gives only the month.');
		expect(items[9]?.textContent).toContain('date unknown');
		const undated = screen.getByText(/Not on the time axis/);
		expect(within(undated).getByRole('link', { name: 'Boris complains to the paper' }).getAttribute('href')).toBe(
			`#${items[9]?.id}`
		);
	});
});
