/**
 * The module overview's progress and the review of missed questions in Chromium: the queue, a
 * question leaving it after two right answers in a row, and export, reset and import of progress.
 * On the every-type fixture module the app is built with beside the real one (see global-setup.ts).
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { textOf } from '$lib/components/quiz/quiz-text';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession } from './harness';
import { PROGRESS_KEY } from './quiz-helpers';

const module = await everyTypeModule();
const MODULE = module.slug;
/** The lesson the seeded record has mastered. */
const MASTERED = 'the-call';
// Two questions of the module to queue: a true/false one (answered in the test) and any other.
const queued = module.lessons.flatMap((lesson) =>
	lesson.quiz.questions.map((question) => ({ lesson: lesson.slug, question }))
);
const trueFalse = queued.find((entry) => entry.question.type === 'truefalse') as
	{ lesson: string; question: Extract<Question, { type: 'truefalse' }> } | undefined;
const other = queued.find((entry) => entry.question.type === 'single');
if (!trueFalse || !other) throw new Error('the module needs a true/false and a single-choice question');
const trueFalsePrompt = textOf(trueFalse.question.promptHtml);

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

/** A stored record in the documented format: the first lesson mastered, two questions queued for review. */
function seededRecord(withRemovedQuestion: boolean): string {
	return JSON.stringify({
		version: 1,
		module: MODULE,
		seed: 12345,
		updatedAt: '2025-12-01T10:00:00.000Z',
		lessons: {
			[MASTERED]: {
				attempts: [{ at: '2025-12-01T09:00:00.000Z', score: 0.9, passed: true, round: 'all' }],
				best: 0.9,
				mastered: true
			}
		},
		review: {
			[trueFalse?.question.id ?? '']: { lesson: trueFalse?.lesson, addedAt: '2025-12-01T09:00:00.000Z', streak: 0 },
			[other?.question.id ?? '']: { lesson: other?.lesson, addedAt: '2025-12-01T09:00:01.000Z', streak: 0 },
			// A question the lesson no longer has: the review drops it from the queue.
			...(withRemovedQuestion
				? { 'a-question-since-removed': { lesson: MASTERED, addedAt: '2025-12-01T09:00:02.000Z', streak: 0 } }
				: {})
		},
		sessions: {}
	});
}

async function openWithProgress(
	path: string,
	withRemovedQuestion = false
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
	const { page, context } = await browser.page();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(appUrl(`/${MODULE}`));
	await page.evaluate(
		([key, value]) => localStorage.setItem(key ?? '', value ?? ''),
		[PROGRESS_KEY(MODULE), seededRecord(withRemovedQuestion)]
	);
	await page.goto(appUrl(path));
	await page.waitForSelector('html[data-hydrated]');
	return { page, context, errors };
}

async function answerFirstReviewQuestionRight(page: Page): Promise<void> {
	await expect.poll(() => page.locator('#quiz-question-heading').textContent()).toContain('Question 1 of 2');
	await page.getByRole('radio', { name: trueFalse?.question.answer ? 'True' : 'False' }).check();
	await page.getByRole('button', { name: 'Check my answer' }).click();
	await expect.poll(() => page.locator('#quiz-feedback-heading').textContent()).toContain('Right');
}

describe('the review of missed questions', () => {
	it('lists the queue, and lets a question go after two right answers in a row', async () => {
		const { page, context, errors } = await openWithProgress(`/${MODULE}/review`, true);
		const main = page.locator('main');
		await expect.poll(() => main.textContent()).toContain('2 questions to review');
		expect(await main.textContent()).toContain(trueFalsePrompt);
		await page.getByRole('button', { name: 'Start the review' }).click();
		await answerFirstReviewQuestionRight(page);
		const review = page.locator('#quiz-feedback-heading').locator('..');
		expect(await review.getByRole('link', { name: /Review this section/ }).getAttribute('href')).toBe(
			`/${MODULE}/${trueFalse?.lesson}#${trueFalse?.question.section}`
		);

		await page.reload();
		await page.waitForSelector('html[data-hydrated]');
		await expect.poll(() => main.textContent()).toContain('2 questions to review');
		await page.getByRole('button', { name: 'Start a new review' }).click();
		await answerFirstReviewQuestionRight(page);

		await page.reload();
		await page.waitForSelector('html[data-hydrated]');
		await expect.poll(() => main.textContent()).toContain('1 question to review');
		expect(await main.textContent()).not.toContain(trueFalsePrompt);
		await page.goto(appUrl(`/${MODULE}`));
		await page.waitForSelector('html[data-hydrated]');
		await expect
			.poll(() => page.getByRole('region', { name: 'Your progress' }).textContent())
			.toContain('1 question you missed waits for review');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('says without JavaScript that the review needs it, and the overview says where progress lives', async () => {
		const { page, context } = await browser.page({ javaScriptEnabled: false });
		await page.goto(appUrl(`/${MODULE}/review`));
		expect(await page.locator('main').textContent()).toContain('with JavaScript on, your missed questions appear here');
		await page.goto(appUrl(`/${MODULE}`));
		expect(await page.getByRole('region', { name: 'Your progress' }).textContent()).toContain(
			'Your progress is kept in this browser'
		);
		await context.close();
	});
});

describe('progress on the module overview', () => {
	it('shows mastery, and exports, resets and imports progress, refusing a damaged file with a specific message', async () => {
		const { page, context, errors } = await openWithProgress(`/${MODULE}`);
		const progress = page.getByRole('region', { name: 'Your progress' });
		const mastered = progress.locator(`[data-lesson="${MASTERED}"]`);
		await expect.poll(() => mastered.textContent()).toContain('✓ Mastered · best score 90%');

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			progress.getByRole('button', { name: 'Export progress' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(
			new RegExp(`^backchannel-progress-${MODULE}-\\d{4}-\\d{2}-\\d{2}\\.json$`)
		);
		const file = readFileSync((await download.path()) ?? '', 'utf8');
		expect(JSON.parse(file)).toMatchObject({
			format: 'backchannel-progress',
			version: 1,
			module: MODULE,
			progress: { seed: 12345 }
		});

		await progress.getByRole('button', { name: 'Reset progress' }).click();
		await progress.getByRole('button', { name: 'Reset my progress' }).click();
		await expect.poll(() => mastered.textContent()).toContain('Not started');
		expect(await progress.getByRole('status').last().textContent()).toContain(
			`Progress reset. Your previous progress is kept in this browser under the key "backchannel:progress:${MODULE}:set-aside:`
		);

		const chooser = progress.getByLabel('Import progress from a file');
		await chooser.setInputFiles({
			name: 'broken.json',
			mimeType: 'application/json',
			buffer: Buffer.from(file.replace('"best": 0.9', '"best": "high"'))
		});
		await expect
			.poll(() => progress.getByRole('alert').textContent())
			.toContain(
				`Nothing was changed. This progress file is damaged: progress.lessons.${MASTERED}.best: expected number, found "high".`
			);
		expect(await mastered.textContent()).toContain('Not started');

		await chooser.setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(file) });
		await progress.getByRole('button', { name: 'Replace my progress' }).click();
		await expect.poll(() => mastered.textContent()).toContain('✓ Mastered · best score 90%');
		expect(await progress.textContent()).toContain('2 questions you missed wait for review');
		expect(errors).toEqual([]);
		await context.close();
	});
});
