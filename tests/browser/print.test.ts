/**
 * A lesson on paper (issue 17, item 5): printed as a handout with its text, the map as a static
 * figure with its relations table open, the questions with their options and no answers, and the
 * addresses of the sources after their links; no controls, keyboard instructions or quiz buttons.
 * The teacher's answer key per lesson is a prerendered page linked from /teach only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession, openHydrated } from './harness';

// The every-type fixture module, built into the app beside the real one (see global-setup.ts).
const module = await everyTypeModule();
const lesson = module?.lessons[0];

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

/** What shows on paper: visible elements' text and a few facts, read with print styles applied. */
async function printed(page: Page) {
	await page.emulateMedia({ media: 'print' });
	return page.evaluate(() => {
		const shown = (element: Element) => {
			const box = element.getBoundingClientRect();
			return box.width > 0 && box.height > 0 && getComputedStyle(element).visibility !== 'hidden';
		};
		const map = document.querySelector('.network-map');
		const sources = Array.from(document.querySelectorAll<HTMLAnchorElement>('main a[href^="http"]'));
		return {
			text: document.querySelector('main')?.innerText ?? '',
			controls: Array.from(document.querySelectorAll('main button, main input, main select'))
				.filter(shown)
				.map((control) => control.outerHTML.slice(0, 80)),
			figure: map?.querySelector('.canvas svg') ? shown(map.querySelector('.canvas svg') as Element) : false,
			tableRows: Array.from(map?.querySelectorAll('table tbody tr') ?? []).filter(shown).length,
			linksWithout: sources
				.filter((link) => !getComputedStyle(link, '::after').content.includes(link.getAttribute('href') ?? '\u0000'))
				.map((link) => link.href),
			links: sources.length,
			questions: Array.from(document.querySelectorAll('.question-sheet > li')).filter(shown).length
		};
	});
}

describe('a printed lesson', () => {
	it('is a clean handout: text, the static map and its table, the questions without answers, source addresses', async () => {
		if (!module || !lesson) throw new Error('no lesson');
		const { page, context } = await browser.page();
		await openHydrated(page, `/${module.slug}/${lesson.slug}`);
		const paper = await printed(page);
		expect(paper.controls).toEqual([]);
		expect(paper.figure).toBe(true);
		expect(paper.tableRows).toBeGreaterThan(0);
		expect(paper.questions).toBe(lesson.quiz.questions.length);
		expect(paper.links).toBeGreaterThan(0);
		expect(paper.linksWithout).toEqual([]);
		for (const words of ['Start the quiz', 'press Enter', 'arrow keys', 'Show the answer', 'Explore the map'])
			expect(paper.text).not.toContain(words);
		// No answer key: no explanation of any question is on the page's paper.
		const first = lesson.quiz.questions[0];
		if (first) {
			const explanation = await page.evaluate((html) => {
				const holder = document.createElement('div');
				holder.innerHTML = html;
				return holder.textContent?.trim().slice(0, 60) ?? '';
			}, first.explanationHtml);
			expect(paper.text).not.toContain(explanation);
		}
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		await context.close();
	});

	it('is not linked to its answer key from any learner page', async () => {
		if (!module || !lesson) throw new Error('no lesson');
		const { page, context } = await browser.page({ javaScriptEnabled: false });
		for (const path of [`/${module.slug}`, `/${module.slug}/${lesson.slug}`]) {
			await page.goto(appUrl(path));
			expect(await page.locator('a[href$="/key"]').count(), path).toBe(0);
		}
		await context.close();
	});
});

describe("the teacher's answer key", () => {
	it('is linked from /teach and shows every self-check question with its answer and explanation', async () => {
		if (!module || !lesson) throw new Error('no lesson');
		const { page, context } = await browser.page();
		await openHydrated(page, '/teach');
		const href = `/${module.slug}/${lesson.slug}/key`;
		expect(await page.locator(`a[href="${href}"]`).count()).toBe(1);
		const response = await page.goto(appUrl(href));
		expect(response?.status()).toBe(200);
		expect(await page.locator('.question-sheet > li').count()).toBe(lesson.quiz.questions.length);
		expect(await page.locator('.question-sheet .key').count()).toBe(lesson.quiz.questions.length);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.question-sheet .key').first().isVisible()).toBe(true);
		await context.close();
	});
});
