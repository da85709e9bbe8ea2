/**
 * The timeline in Chromium: prerendered with its text equivalent, keyboard-navigable, and usable
 * on a 360 px screen (the drawing scrolls in its own box, the page does not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '$lib/server/content/load-course';
import { appUrl, BrowserSession } from './harness';

const { course } = await loadCourse('lessons');
const module = course?.modules[0];

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe('the timeline in Chromium', () => {
	it('is in the server HTML with JavaScript off: a panel per segment and every event in the list', async () => {
		if (!module) throw new Error('no module');
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
		if (!module) throw new Error('no module');
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
		await page.getByRole('region', { name: 'Selected event' }).getByText(title).waitFor();

		// The focused marker was scrolled into view inside the timeline's own box.
		const inView = await page.evaluate(() => {
			const mark = document.activeElement?.getBoundingClientRect();
			const box = document.activeElement?.closest('.scroll')?.getBoundingClientRect();
			return !!mark && !!box && mark.left >= box.left - 1 && mark.right <= box.right + 1;
		});
		expect(inView).toBe(true);
		await context.close();
	});
});
