/**
 * The teacher's dashboard on a 390 px phone (issue 17, item 11): a student's name in the roster
 * wraps between its words, never inside one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession, openHydrated } from './harness';

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

const NAME = 'Bartholomew Featherstonehaugh-Worthington Junior';

describe('the dashboard at 390 px', () => {
	it('never breaks a student’s name inside a word', async () => {
		const { page, context } = await browser.page({ viewport: { width: 390, height: 844 } });
		await openHydrated(page, '/teach');
		await page.getByLabel('Title').fill('Phone roster');
		await page.getByRole('button', { name: 'Create the assignment' }).click();
		await page.waitForURL(/\/teach\/[^/]+\/[^/?]+\?created$/);
		const dashboard = page.url().replace(/\?created$/, '');
		const joinLink = await page.getByLabel('Join link').inputValue();

		const student = await context.newPage();
		await student.goto(joinLink);
		await student.getByLabel('Your name').fill(NAME);
		await student.getByRole('button', { name: 'Join' }).click();
		await student.waitForURL(/\/class\/[^/]+\?joined$/);

		await page.goto(dashboard);
		const cell = page.locator('section[aria-labelledby="roster-heading"] tbody th').first();
		expect(await cell.textContent()).toBe(NAME);
		// Each word of the name is laid out on one line: a word split across lines has two boxes.
		const split = await cell.evaluate((th) => {
			const text = th.firstChild;
			if (!text || text.nodeType !== Node.TEXT_NODE) return ['no text'];
			const words: string[] = [];
			const content = text.textContent ?? '';
			let start = 0;
			for (const word of content.split(/[\s-]/)) {
				const range = document.createRange();
				range.setStart(text, start);
				range.setEnd(text, start + word.length);
				if (range.getClientRects().length > 1) words.push(word);
				start += word.length + 1;
			}
			return words;
		});
		expect(split).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await context.close();
	});
});
