/**
 * A map question from a lesson quiz, answered on the network map itself: picking the actor on the
 * map chooses it in the text list too, and the answer is graded like any other.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession } from './harness';

// The every-type fixture module, built into the app beside the real one (see global-setup.ts).
const course = { modules: [await everyTypeModule()] };

/** The first lesson with a map question, and that question's place in its quiz. */
const found = course.modules
	.flatMap((module) => module.lessons.map((lesson) => ({ module, lesson })))
	.map(({ module, lesson }) => ({
		module,
		lesson,
		index: lesson.quiz.questions.findIndex((question) => question.type === 'map')
	}))
	.find(({ index }) => index >= 0);
if (!found) throw new Error('no lesson has a map question');
const { module, lesson, index } = found;
const question = lesson.quiz.questions[index];
if (question?.type !== 'map') throw new Error('expected a map question');
const answerName = module.actors.find((actor) => actor.id === question.answer)?.name ?? '';

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

const quiz = (page: Page) => page.locator('#quiz');

describe('a map question in the quiz', () => {
	it(`${module.slug}/${lesson.slug} question ${index + 1} is answered by picking the actor on the map`, async () => {
		const { page, context } = await browser.page();
		await page.goto(appUrl(`/${module.slug}/${lesson.slug}`));
		await page.waitForSelector('html[data-hydrated]');
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		for (let step = 0; step < index; step++) {
			await quiz(page)
				.getByRole('button', { name: /Show the solution/ })
				.click();
			await quiz(page).getByRole('button', { name: 'Next question' }).click();
		}
		await expect
			.poll(() => quiz(page).locator('#quiz-question-heading').textContent())
			.toContain(`Question ${index + 1} of`);

		// A skip link before the map takes keyboard users straight to the list of actors (issue 17.9).
		const skip = quiz(page).getByRole('link', { name: 'skip the map to the list of actors' });
		await skip.focus();
		await page.keyboard.press('Enter');
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.classList.contains('actor-list') ?? false))
			.toBe(true);
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');

		const map = quiz(page).locator('.network-map');
		const node = map.locator('[role="button"][aria-pressed]').filter({ hasText: answerName }).first();
		// On its drawn shape: the name beside it lets clicks through to what lies under it.
		await node.locator('.shape').click();
		await expect.poll(() => node.getAttribute('aria-pressed')).toBe('true');
		// Said once, by the map (issue 17.9).
		await expect.poll(() => quiz(page).getByText(`Your choice: ${answerName}.`).count()).toBe(1);
		expect(await quiz(page).getByText(`Your answer: ${answerName}.`).count()).toBe(0);
		expect(
			await quiz(page)
				.getByRole('radio', { name: new RegExp(`^${answerName}`) })
				.isChecked()
		).toBe(true);

		await quiz(page).getByRole('button', { name: 'Check my answer' }).click();
		await expect.poll(() => page.locator('#quiz-feedback-heading').textContent()).toContain('Right');
		await context.close();
	});
});
