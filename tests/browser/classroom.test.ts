/**
 * The whole classroom in Chromium against the production build: a teacher sets an assignment,
 * two students join (one with JavaScript, one without) and answer, the dashboard shows both,
 * and the CSV holds their rows, on the every-type fixture module the app is built with beside the
 * real one. Question ids come from the loaded fixture, never hard-coded.
 */
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession } from './harness';

const module = await everyTypeModule();
const lesson = module.lessons[0];
const question = lesson?.quiz.questions.find(
	(candidate): candidate is Extract<Question, { type: 'single' }> => candidate.type === 'single'
);
if (!lesson || !question) throw new Error('the every-type module needs a first lesson with a single-choice question');
const rightText = question.options.find((option) => option.id === question.answer)?.text ?? '';
const wrongText = question.options.find((option) => option.id !== question.answer)?.text ?? '';
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: BrowserSession;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

async function open(options: Parameters<BrowserSession['page']>[0] = {}): Promise<Page> {
	const { page, context } = await browser.page(options);
	contexts.push(context);
	return page;
}

async function hydrated(page: Page): Promise<void> {
	await page.waitForSelector('html[data-hydrated="true"]');
}

/** WCAG 2.2 A/AA violations axe-core finds on the page, as "rule: target" lines. */
async function accessibilityProblems(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axeSource });
	return page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: {
					run: (
						context: Document,
						options: object
					) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
				};
			}
		).axe;
		const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
		return result.violations.flatMap((violation) =>
			violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`)
		);
	});
}

/** Ticks one lesson of the teacher's form and unticks every other, of any module. */
async function chooseOnly(page: Page, value: string): Promise<void> {
	for (const box of await page.locator('input[name="lessons"]').all()) {
		await box.setChecked((await box.getAttribute('value')) === value);
	}
}

/** The question's article on a student's lesson page. */
const questionBlock = (page: Page) => page.locator(`#q-${question.id}`);

describe('a class runs through an assignment', () => {
	let dashboardUrl = '';
	let joinLink = '';

	it('a teacher creates an assignment and gets a join code, a join link and a private dashboard', async () => {
		const page = await open();
		await page.goto(appUrl('/teach'));
		await hydrated(page);
		expect(await accessibilityProblems(page)).toEqual([]);

		await page.getByRole('button', { name: 'Create the assignment' }).click();
		const summary = page.getByRole('alert');
		await summary.waitFor();
		expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
		expect(await summary.textContent()).toContain('Title: give the assignment a title');

		await page.getByLabel('Title').fill('Year 11: the calls');
		await chooseOnly(page, `${module.slug}/${lesson.slug}`);
		await page.getByLabel('Pass mark (%)').fill('60');
		// This flow answers a lesson's public question; assessed mode has its own browser test.
		await page.getByLabel(/^Practice/).check();
		await page.getByRole('button', { name: 'Create the assignment' }).click();
		await page.waitForURL(/\/teach\/[^/]+\/[^/?]+\?created$/);
		dashboardUrl = page.url().replace(/\?created$/, '');
		await page.getByText('Bookmark this page now').waitFor();
		const code = (await page.getByTestId('join-code').textContent()) ?? '';
		expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
		joinLink = await page.getByLabel('Join link').inputValue();
		expect(joinLink).toBe(appUrl(`/join/${code}`));
		expect(await page.getByLabel(/Dashboard link/).inputValue()).toBe(dashboardUrl);
		expect(await accessibilityProblems(page)).toEqual([]);
	});

	it('a student with JavaScript joins by the link and answers right, with focus on the result', async () => {
		const page = await open({ viewport: { width: 360, height: 800 } });
		await page.goto(joinLink);
		await hydrated(page);
		await page.getByRole('heading', { name: 'Join “Year 11: the calls”' }).waitFor();
		await page.getByLabel('Your name').fill('Ada <Lovelace>');
		await page.getByRole('button', { name: 'Join' }).click();
		await page.waitForURL(/\/class\/[^/]+\?joined$/);
		expect(await page.getByTestId('resume-code').textContent()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		expect(await page.getByText('Signed in as').textContent()).toContain('Ada <Lovelace>');
		expect(await accessibilityProblems(page)).toEqual([]);

		await page.getByRole('link', { name: lesson.title }).click();
		await page.waitForURL(new RegExp(`/class/[^/]+/${lesson.slug}$`));
		await hydrated(page);
		const block = questionBlock(page);
		await block.getByLabel(rightText).check();
		await block.getByRole('button', { name: 'Hand in answer' }).click();
		await block.getByText('Try 1 handed in.').waitFor();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe(`q-${question.id}-status`);
		expect(await block.textContent()).toContain('Correct answer:');
		expect(await block.getByRole('radio', { name: rightText }).isDisabled()).toBe(true);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		expect(await accessibilityProblems(page)).toEqual([]);
	});

	it('a student without JavaScript joins by typing the code and answers wrong', async () => {
		const page = await open({ javaScriptEnabled: false, reducedMotion: 'reduce' });
		const code = joinLink.split('/').at(-1) ?? '';
		await page.goto(appUrl('/join'));
		await page.getByLabel('Join code').fill(code.toLowerCase());
		await page.getByLabel('Your name').fill('Ben');
		await page.getByRole('button', { name: 'Join' }).click();
		await page.waitForURL(/\/class\/[^/]+\?joined$/);
		await page.getByRole('link', { name: lesson.title }).click();
		await page.waitForURL(new RegExp(`/class/[^/]+/${lesson.slug}$`));

		const block = questionBlock(page);
		await block.getByRole('button', { name: 'Hand in answer' }).click();
		await page.getByText('Your answer: choose an answer.').waitFor();
		await questionBlock(page).getByLabel(wrongText).check();
		await questionBlock(page).getByRole('button', { name: 'Hand in answer' }).click();
		await page.getByText('Try 1 handed in.').waitFor();
		expect(await questionBlock(page).textContent()).toMatch(/Try 1:.*not right/s);
		expect(await questionBlock(page).getByRole('button', { name: 'Hand in try 2' }).count()).toBe(1);
	});

	it('the dashboard shows both students, the question’s figures and the histogram as a table', async () => {
		const page = await open();
		await page.goto(dashboardUrl);
		await hydrated(page);
		const roster = page.locator('section[aria-labelledby="roster-heading"] tbody tr');
		expect(await roster.count()).toBe(2);
		expect(await roster.nth(0).locator('th').textContent()).toBe('Ada <Lovelace>');
		expect(await roster.nth(1).locator('th').textContent()).toBe('Ben');
		const row = page.locator(`tr[data-question="${question.id}"]`);
		expect(await row.locator('td').nth(0).textContent()).toBe('2');
		expect(await row.locator('td').nth(1).textContent()).toBe('50%');
		expect(await row.locator('td').nth(2).textContent()).toContain(wrongText);
		expect(await page.getByRole('img', { name: /Scores of the 2 students/ }).count()).toBe(1);
		expect(await page.getByRole('table', { name: 'Scores by band' }).count()).toBe(1);
		expect(await accessibilityProblems(page)).toEqual([]);
	});

	it('the CSV holds one row per student with the right scores', async () => {
		const page = await open();
		const response = await page.request.get(`${dashboardUrl}/results.csv`);
		expect(response.status()).toBe(200);
		const lines = (await response.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines).toHaveLength(3);
		const header = lines[0]?.split(',') ?? [];
		const column = header.findIndex((cell) => cell.includes(question.id));
		expect(column).toBeGreaterThan(0);
		expect(lines[1]?.split(',')[0]).toBe('Ada <Lovelace>');
		expect(lines[1]?.split(',')[column]).toBe('100');
		expect(lines[2]?.split(',')[0]).toBe('Ben');
		expect(lines[2]?.split(',')[column]).toBe('0');
	});
});
