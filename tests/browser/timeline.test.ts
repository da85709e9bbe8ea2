/**
 * The timeline in Chromium: prerendered with its text equivalent, keyboard-navigable, and usable
 * on a 360 px screen (the drawing scrolls in its own box, the page does not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { START_MARGIN } from '$lib/timeline/reveal-start';
import { appUrl, BrowserSession } from './harness';
import { DENSE_LESSONS, fixtureModule } from '../fixtures/fixture-course';

/** The dense fixture module: two panels, month-only events, the last event of all one of them. */
const module = await fixtureModule(DENSE_LESSONS, 'saltmere-bridge');

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe('the timeline in Chromium', () => {
	it('is in the server HTML with JavaScript off: a panel per segment and every event in the list', async () => {
		const { page, context } = await browser.page({ javaScriptEnabled: false });
		await page.goto(appUrl(`/${module.slug}/timeline`));
		expect(await page.locator('main svg[role="group"]').count()).toBe(module.timeline.segments.length);
		const placed = module.timeline.segments.flatMap((segment) => segment.marks.map((mark) => mark.event));
		expect(
			await page.$$eval('main [data-event]', (marks) => marks.map((mark) => mark.getAttribute('data-event')))
		).toEqual(placed);
		const listed = await page.$$eval('main ol.event-list > li', (items) =>
			items.map((item) => item.id.replace(/^.*-event-/, ''))
		);
		expect(listed.sort()).toEqual(module.events.map((event) => event.id).sort());
		await context.close();
	});

	it('at 360 px: the page does not scroll sideways, and the keyboard walks the events with the details following', async () => {
		const { page, context } = await browser.page({ viewport: { width: 360, height: 740 } });
		await page.goto(appUrl(`/${module.slug}/timeline`));
		await page.waitForSelector('html[data-hydrated="true"]');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

		let focused: string | null = null;
		for (let presses = 0; presses < 40 && !focused; presses++) {
			await page.keyboard.press('Tab');
			focused = await page.evaluate(() => document.activeElement?.getAttribute('data-event') ?? null);
		}
		const order = module.timeline.segments.flatMap((segment) => segment.marks.map((mark) => mark.event));
		expect(focused).toBe(order[0]);
		// The page carries the timeline prerendered; focusing it brings the live one in, focus kept.
		await page.waitForSelector('.timeline-island[data-live="true"]');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-event'))).toBe(order[0]);
		await page.keyboard.press('End');
		const last = order.at(-1) ?? '';
		await page.waitForFunction((id) => document.activeElement?.getAttribute('data-event') === id, last);
		const title = module.events.find((event) => event.id === last)?.title ?? '';
		await page.getByRole('region', { name: 'Selected event' }).getByText(title, { exact: true }).waitFor();

		// The last event is known only to its month: a bar wider than the phone's box, starting
		// beyond its right edge. Its start (where the month begins and its title is written) was
		// scrolled into view inside the timeline's own box, as any other marker is.
		expect(module.events.find((event) => event.id === last)?.date).toMatch(/^\d{4}-\d{2}$/);
		const seen = await page.evaluate((margin) => {
			const bar = document.activeElement?.querySelector('.span')?.getBoundingClientRect();
			const scroll = document.activeElement?.closest<HTMLElement>('.scroll');
			const box = scroll?.getBoundingClientRect();
			if (!bar || !scroll || !box) return 'no bar or box';
			return {
				scrolled: scroll.scrollLeft > 0,
				wider: bar.width > box.width,
				startInView: bar.left >= box.left && bar.left <= box.right - margin
			};
		}, START_MARGIN);
		expect(seen).toEqual({ scrolled: true, wider: true, startInView: true });
		await context.close();
	});

	it('at 1280 x 800: every event has a title on the chart, no two overlap, and the selected card is in view', async () => {
		const { page, context } = await browser.page({ viewport: { width: 1280, height: 800 } });
		await page.goto(appUrl(`/${module.slug}/timeline`));
		await page.waitForSelector('html[data-hydrated="true"]');
		const overlaps = await page.evaluate(() => {
			const titles = Array.from(document.querySelectorAll<SVGTextElement>('main text.mark-title')).map((text) => ({
				text: text.textContent ?? '',
				box: text.getBoundingClientRect()
			}));
			const found: string[] = titles.filter((title) => title.text.trim() === '').map(() => 'empty title');
			for (let i = 0; i < titles.length; i++)
				for (let j = i + 1; j < titles.length; j++) {
					const a = titles[i]?.box;
					const b = titles[j]?.box;
					if (!a || !b) continue;
					const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
					const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
					if (x > 0.5 && y > 0.5) found.push(`${titles[i]?.text} / ${titles[j]?.text}`);
				}
			return found;
		});
		expect(overlaps).toEqual([]);
		const marks = module.timeline.segments.flatMap((segment) => segment.marks);
		expect(await page.locator('main text.mark-title').count()).toBe(marks.length);
		// Month-only events of one track and month are one bar, not a stack of identical ones.
		for (const segment of module.timeline.segments) {
			const bars = segment.marks.filter((mark) => mark.x2 !== undefined);
			const keys = bars.map((bar) => `${module.events.find((event) => event.id === bar.event)?.track}|${bar.x}`);
			expect(new Set(keys).size).toBe(keys.length);
		}
		// Select the last event of the first panel: its card is on screen, not below the fold.
		const last = module.timeline.segments[0]?.marks.at(-1)?.event ?? '';
		await page.locator(`[data-event="${last}"]`).focus();
		await page.waitForSelector('.timeline-island[data-live="true"]');
		const title = module.events.find((event) => event.id === last)?.title ?? '';
		const card = page.getByRole('region', { name: 'Selected event' });
		await card.getByText(title).first().waitFor();
		const box = await card.boundingBox();
		expect(box && box.y >= 0 && box.y + Math.min(box.height, 100) <= 800).toBe(true);
		await context.close();
	});

	it('at 390 px: the row names stay in view when the drawing is scrolled sideways', async () => {
		const { page, context } = await browser.page({ viewport: { width: 390, height: 844 } });
		await page.goto(appUrl(`/${module.slug}/timeline`));
		await page.waitForSelector('html[data-hydrated="true"]');
		const names = await page.evaluate(() => {
			const box = document.querySelectorAll<HTMLElement>('main .scroll')[1] ?? document.querySelector('main .scroll');
			if (!box) return { before: [], after: [] };
			const visible = () =>
				Array.from(box.querySelectorAll<HTMLElement>('.row-names span')).map((span) => {
					const rect = span.getBoundingClientRect();
					const frame = box.getBoundingClientRect();
					return rect.left >= frame.left - 1 && rect.right <= frame.right + 1 && rect.width > 0;
				});
			const before = visible();
			box.scrollLeft = box.scrollWidth;
			return { before, after: visible() };
		});
		expect(names.before.length).toBeGreaterThan(0);
		expect(names.before.every(Boolean)).toBe(true);
		expect(names.after.every(Boolean)).toBe(true);
		await context.close();
	});
});
