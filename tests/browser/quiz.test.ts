/**
 * The lesson quiz in Chromium, as learners meet it: by keyboard alone, across a reload, with a
 * damaged saved record, without storage, and retrying what they missed. On the every-type fixture
 * module the app is built with beside the real one (see global-setup.ts), whose two lessons hold
 * every question type.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson, Module } from '$lib/model/course';
import { QUESTION_TYPES } from '$lib/server/content/schema';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession } from './harness';
import { answerByKeyboard, expectFocusOn, lessonOf, PROGRESS_KEY, tabTo } from './quiz-helpers';

const require = createRequire(import.meta.url);
const fixture = await everyTypeModule();
const MODULE = fixture.slug;
// Its first question is single-choice, its second multiple-choice with three options, and one is true/false.
const LESSON = 'the-call';
const { lesson } = lessonOf({ modules: [fixture] }, MODULE, LESSON);
const total = lesson.quiz.questions.length;

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

/** A fresh browser profile on the lesson, hydrated, collecting page errors. */
async function openLesson(
	options: { init?: () => void; path?: string } = {}
): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
	const { page, context } = await browser.page();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	if (options.init) await context.addInitScript(options.init);
	await page.goto(appUrl(`/${options.path ?? `${MODULE}/${LESSON}`}`));
	await page.waitForSelector('html[data-hydrated]');
	return { page, context, errors };
}

const quiz = (page: Page) => page.locator('#quiz');
const questionHeading = (page: Page) => page.locator('#quiz-question-heading');

async function showSolutionAndGoOn(page: Page): Promise<void> {
	await quiz(page)
		.getByRole('button', { name: /Show the solution/ })
		.click();
	await quiz(page).getByRole('heading', { name: 'Solution shown' }).waitFor();
	await quiz(page)
		.getByRole('button', { name: /Next question|See your results/ })
		.click();
}

/** Chooses a wrong option of the first question (single-choice), so checking it gives feedback. */
async function answerFirstWrong(page: Page): Promise<void> {
	const first = lesson.quiz.questions[0];
	if (first?.type !== 'single') throw new Error(`the first question of ${LESSON} must be single-choice`);
	const wrong = first.options.find((option) => option.id !== first.answer);
	await quiz(page).getByRole('radio', { name: wrong?.text, exact: true }).check();
}

const questionTypes = (lesson: Lesson) => lesson.quiz.questions.map((question) => question.type);

/**
 * The fewest lessons whose quizzes hold every question type of the module, picked greedily: each
 * type is answered by keyboard at least once, without answering every lesson's quiz (about 30 s
 * each on two busy cores).
 */
function typeCoveringLessons(of: Module): (readonly [string, Lesson])[] {
	const lessons = of.lessons.map((entry) => [`${of.slug}/${entry.slug}`, entry] as const);
	const missing = new Set(lessons.flatMap(([, entry]) => questionTypes(entry)));
	const picked: (readonly [string, Lesson])[] = [];
	while (missing.size > 0) {
		const gain = (entry: Lesson) => new Set(questionTypes(entry).filter((type) => missing.has(type))).size;
		const best = lessons.reduce((a, b) => (gain(b[1]) > gain(a[1]) ? b : a));
		picked.push(best);
		for (const type of questionTypes(best[1])) missing.delete(type);
	}
	return picked;
}

describe('the lesson quiz', () => {
	const typed = typeCoveringLessons(fixture);

	it('answers every question type by keyboard in the lessons below', () => {
		expect(new Set(typed.flatMap(([, entry]) => questionTypes(entry)))).toEqual(new Set(QUESTION_TYPES));
	});

	it.each(typed)(
		'%s can be finished by keyboard alone, with focus moving to each feedback and the results',
		async (path, lesson) => {
			const total = lesson.quiz.questions.length;
			const { page, context, errors } = await openLesson({ path });
			const toc = page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Quiz' });
			await tabTo(page, toc);
			await page.keyboard.press('Enter');
			const start = quiz(page).getByRole('button', { name: 'Start the quiz' });
			await tabTo(page, start, 20);
			await page.keyboard.press('Enter');
			for (const [index, question] of lesson.quiz.questions.entries()) {
				await expect.poll(() => questionHeading(page).textContent()).toContain(`Question ${index + 1} of ${total}`);
				await answerByKeyboard(page, question);
				await tabTo(page, quiz(page).getByRole('button', { name: 'Check my answer' }));
				await page.keyboard.press('Enter');
				const feedback = page.locator('#quiz-feedback-heading');
				await expectFocusOn(page, feedback);
				expect(await feedback.textContent(), `question ${question.id}`).toContain('Right');
				await tabTo(
					page,
					quiz(page).getByRole('button', { name: index === total - 1 ? 'See your results' : 'Next question' })
				);
				await page.keyboard.press('Enter');
			}
			const results = page.locator('#quiz-results-heading');
			await expectFocusOn(page, results);
			const text = await quiz(page).textContent();
			expect(text).toContain(`${total} of ${total} points (100%)`);
			expect(text).toContain('Passed');
			expect(text).toContain('This lesson is mastered.');
			expect(errors).toEqual([]);
			await context.close();
		}
	);

	it('announces feedback in a live region and labels correctness in words', async () => {
		const { page, context } = await openLesson();
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		await answerFirstWrong(page);
		await quiz(page).getByRole('button', { name: 'Check my answer' }).click();
		const live = quiz(page).locator('[aria-live="polite"]');
		await expect.poll(() => live.textContent()).toMatch(/^Not quite\. 1 try left\.$/);
		await expect
			.poll(() => quiz(page).locator('#quiz-try').textContent())
			.toMatch(/(Partly right \(\d+%\)|Not quite)\./);
		await showSolutionAndGoOn(page);
		await expect.poll(() => live.textContent()).toBe(`Question 2 of ${total}.`);
		await context.close();
	});

	it('resumes after a reload at the same question, with the same option order and the answer chosen', async () => {
		const { page, context } = await openLesson();
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		await showSolutionAndGoOn(page);
		await expect.poll(() => questionHeading(page).textContent()).toContain(`Question 2 of ${total}`);
		const labels = () => quiz(page).locator('fieldset.question-input label').allTextContents();
		const order = await labels();
		expect(order.length).toBeGreaterThan(2);
		await quiz(page).getByRole('checkbox', { name: order[2] }).check();
		await page.reload();
		await page.waitForSelector('html[data-hydrated]');
		await quiz(page)
			.getByRole('button', { name: `Resume at question 2 of ${total}` })
			.click();
		await expect.poll(() => questionHeading(page).textContent()).toContain(`Question 2 of ${total}`);
		expect(await labels()).toEqual(order);
		expect(await quiz(page).getByRole('checkbox', { name: order[2] }).isChecked()).toBe(true);
		await context.close();
	});

	it('sets a damaged saved record aside with a visible notice, keeps it, and still runs the quiz', async () => {
		const { page, context, errors } = await openLesson();
		await page.evaluate(
			(key) => localStorage.setItem(key, '{"version": 1, "module": "every-type", "lessons": '),
			PROGRESS_KEY(MODULE)
		);
		await page.reload();
		await page.waitForSelector('html[data-hydrated]');
		await expect
			.poll(() => quiz(page).locator('[data-notice="unreadable"]').textContent())
			.toContain('could not be read');
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		const notice = quiz(page).locator('[data-notice="setAside"]');
		await expect
			.poll(() => notice.textContent())
			.toMatch(
				/could not be read \(it is not valid JSON\)\. It has been kept in this browser under the key "backchannel:progress:every-type:set-aside:/
			);
		const kept = await page.evaluate(() =>
			Object.keys(localStorage)
				.filter((key) => key.includes(':set-aside:'))
				.map((key) => localStorage.getItem(key))
		);
		expect(kept).toEqual(['{"version": 1, "module": "every-type", "lessons": ']);
		await expect.poll(() => questionHeading(page).textContent()).toContain(`Question 1 of ${total}`);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('works without storage, saying that progress is not saved', async () => {
		const { page, context, errors } = await openLesson({
			init: () => {
				Object.defineProperty(window, 'localStorage', {
					get() {
						throw new DOMException('The operation is insecure.', 'SecurityError');
					}
				});
			}
		});
		await expect
			.poll(() => quiz(page).locator('[data-notice="notSaved"]').textContent())
			.toContain('Progress not saved.');
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		await expect
			.poll(() => quiz(page).locator('[data-notice="notSaved"]').textContent())
			.toContain('will not be kept when you leave this page');
		await showSolutionAndGoOn(page);
		await expect.poll(() => questionHeading(page).textContent()).toContain(`Question 2 of ${total}`);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('retries only the missed questions, and queues them for the module review', async () => {
		const { page, context } = await openLesson();
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		const rightOne = lesson.quiz.questions.findIndex((question) => question.type === 'truefalse');
		for (const [index, question] of lesson.quiz.questions.entries()) {
			await expect.poll(() => questionHeading(page).textContent()).toContain(`Question ${index + 1} of ${total}`);
			if (index === rightOne && question.type === 'truefalse') {
				await quiz(page)
					.getByRole('radio', { name: question.answer ? 'True' : 'False' })
					.check();
				await quiz(page).getByRole('button', { name: 'Check my answer' }).click();
				await quiz(page)
					.getByRole('button', { name: /Next question|See your results/ })
					.click();
			} else {
				await showSolutionAndGoOn(page);
			}
		}
		await expect.poll(() => quiz(page).textContent()).toContain(`1 of ${total} points`);
		expect(await quiz(page).textContent()).toContain('Not passed yet');
		await quiz(page)
			.getByRole('button', { name: `Retry the ${total - 1} missed questions` })
			.click();
		await expect
			.poll(() => questionHeading(page).textContent())
			.toBe(`Question 1 of ${total - 1} (retrying missed questions)`);

		await page.goto(appUrl(`/${MODULE}`));
		await page.waitForSelector('html[data-hydrated]');
		const progress = page.getByRole('region', { name: 'Your progress' });
		await expect.poll(() => progress.textContent()).toContain(`${total - 1} questions you missed wait for review`);
		expect(await progress.locator(`[data-lesson="${LESSON}"]`).textContent()).toContain(
			`quiz in progress (question 1 of ${total - 1})`
		);
		await context.close();
	});
});

describe('the quiz for everyone', () => {
	const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

	async function axeViolations(page: Page): Promise<string[]> {
		await page.addScriptTag({ content: axeSource });
		return page.evaluate(async () => {
			const axe = (
				window as unknown as {
					axe: {
						run: (context: string, options: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
					};
				}
			).axe;
			const result = await axe.run('#quiz', { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
			return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
		});
	}

	it('has no WCAG A/AA violations while answering, in feedback and in the results, at 360 px wide', async () => {
		const { page, context } = await browser.page({ viewport: { width: 360, height: 740 } });
		await page.goto(appUrl(`/${MODULE}/${LESSON}`));
		await page.waitForSelector('html[data-hydrated]');
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		await questionHeading(page).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await answerFirstWrong(page);
		await quiz(page).getByRole('button', { name: 'Check my answer' }).click();
		await quiz(page).locator('#quiz-try').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		for (let index = 0; index < total; index++) {
			// Every question and its feedback fit the narrow screen: nothing scrolls sideways.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await quiz(page)
				.getByRole('button', { name: /Show the solution/ })
				.click();
			await quiz(page).getByRole('heading', { name: 'Solution shown' }).waitFor();
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
			await quiz(page)
				.getByRole('button', { name: /Next question|See your results/ })
				.click();
		}
		await page.locator('#quiz-results-heading').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await context.close();
	});

	it('keeps its contrast in dark mode', async () => {
		const { page, context } = await browser.page();
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(appUrl(`/${MODULE}/${LESSON}`));
		await page.waitForSelector('html[data-hydrated]');
		await quiz(page).getByRole('button', { name: 'Start the quiz' }).click();
		await answerFirstWrong(page);
		await quiz(page).getByRole('button', { name: 'Check my answer' }).click();
		await quiz(page).locator('#quiz-try').waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await quiz(page)
			.getByRole('button', { name: /Show the solution/ })
			.click();
		await quiz(page).getByRole('heading', { name: 'Solution shown' }).waitFor();
		expect(await axeViolations(page)).toEqual([]);
		await context.close();
	});
});
