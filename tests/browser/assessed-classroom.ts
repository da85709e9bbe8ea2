/**
 * The classroom flows of an assessed assignment in Chromium, registered inside the held-back test
 * file because they need its build of the fixture module (the shared browser build is of the real
 * lessons). `baseUrl` is read once the build is served.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentBank } from '$lib/model/assessment';
import { BrowserSession, type PageOptions } from './harness';
import { heldBackNeedles } from './leak-search';

export function assessedClassroomFlows(baseUrl: () => string, bank: AssessmentBank): void {
	describe('an assessed assignment in Chromium', () => {
		let browser: BrowserSession;
		const contexts: BrowserContext[] = [];
		beforeAll(async () => {
			browser = await BrowserSession.start();
		});
		afterAll(async () => {
			for (const context of contexts) await context.close();
			await browser?.close();
		});
		const url = (path: string) => new URL(path, baseUrl()).href;

		async function open(options: PageOptions = {}): Promise<Page> {
			const { page, context } = await browser.page(options);
			contexts.push(context);
			return page;
		}

		/** Creates an assignment of the fixture lesson from the form; the dashboard and join addresses. */
		async function createAssignment(page: Page, title: string, practice: boolean, javaScript = true) {
			await page.goto(url('/teach'));
			if (javaScript) await hydrated(page);
			await page.getByLabel('Title').fill(title);
			if (practice) await page.getByLabel(/^Practice/).check();
			else expect(await page.getByLabel(/^Assessed/).isChecked()).toBe(true);
			await page.getByRole('button', { name: 'Create the assignment' }).click();
			const created = page.waitForURL(/\/teach\/[^/]+\/[^/?]+\?created$/).then(() => undefined);
			const refused = page
				.getByRole('alert')
				.waitFor()
				.then(async () => page.getByRole('alert').textContent())
				// Created first: the alert never comes, and its wait must not fail the test later.
				.catch(() => undefined);
			const problem = await Promise.race([created, refused]);
			if (problem) throw new Error(`the assignment form was refused: ${problem}`);
			return {
				dashboard: page.url().replace(/\?created$/, ''),
				// The path only: without JavaScript the page cannot correct adapter-node's https guess.
				join: url(new URL(await page.getByLabel('Join link').inputValue()).pathname)
			};
		}

		/** Waits for the app to take over the page, so a click goes through its form handling. */
		const hydrated = (page: Page) => page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });

		async function joinAndOpenLesson(page: Page, joinLink: string, name: string, javaScript = true): Promise<void> {
			await page.goto(joinLink);
			if (javaScript) await hydrated(page);
			await page.getByLabel('Your name').fill(name);
			await page.getByRole('button', { name: 'Join' }).click();
			await page.waitForURL(/\/class\/[^/]+\?joined$/);
			await page.getByRole('link', { name: 'The call' }).click();
			await page.waitForURL(/\/class\/[^/]+\/the-call$/);
		}

		/** The ids of the questions on a student's lesson page (each article is `q-<id>`). */
		const paper = (page: Page) =>
			page.locator('article.graded-question').evaluateAll((articles) => articles.map((article) => article.id.slice(2)));

		it('gives students different variants, shows none of anyone else’s, and after release every key', async () => {
			const teacher = await open();
			const { dashboard, join } = await createAssignment(teacher, 'Assessed call', false);
			const variantIds = new Set(
				bank.modules.flatMap((module) =>
					module.lessons.flatMap((lesson) => lesson.slots.flatMap((slot) => slot.variants.map((variant) => variant.id)))
				)
			);

			// Papers are drawn from random student ids: 1 in 12 pairs match, so join until two differ.
			const students: { page: Page; paper: string[] }[] = [];
			for (const name of ['Ada', 'Ben', 'Cy', 'Di', 'Ed', 'Flo']) {
				const javaScript = name !== 'Ben';
				const page = await open({ javaScriptEnabled: javaScript });
				await joinAndOpenLesson(page, join, name, javaScript);
				const ids = await paper(page);
				expect(ids).toHaveLength(3);
				for (const id of ids) expect(variantIds.has(id)).toBe(true);
				students.push({ page, paper: ids });
				if (new Set(students.map((student) => student.paper.join())).size > 1) break;
			}
			const [first, ...others] = students;
			const second = others.at(-1);
			if (!first || !second) throw new Error('no two students joined');
			expect(second.paper).not.toEqual(first.paper);

			// A student's page holds their own items and nothing of the variants they were not given.
			for (const { page, paper: own } of [first, second]) {
				const html = await page.content();
				const othersOnly = heldBackNeedles({
					modules: bank.modules.map((module) => ({
						...module,
						lessons: module.lessons.map((lesson) => ({
							...lesson,
							slots: lesson.slots.map((slot) => ({
								...slot,
								id: '',
								variants: slot.variants.filter((variant) => !own.includes(variant.id))
							}))
						}))
					}))
				}).filter((needle) => needle !== '' && !own.some((id) => id.startsWith(needle)));
				expect(othersOnly.filter((needle) => html.includes(needle))).toEqual([]);
				expect(html).not.toContain('Correct answer:');
			}

			await teacher.goto(dashboard);
			await teacher.getByRole('button', { name: 'Release answers' }).click();
			await teacher.getByText('The answers are released').first().waitFor();
			for (const { page } of [first, second]) {
				await page.reload();
				const articles = page.locator('article.graded-question');
				expect(await articles.count()).toBe(3);
				for (const text of await articles.allTextContents()) expect(text).toContain('Correct answer:');
			}
		});

		it('still runs a practice assignment without JavaScript', async () => {
			const page = await open({ javaScriptEnabled: false });
			const { join } = await createAssignment(page, 'Practice call', true, false);
			await joinAndOpenLesson(page, join, 'Gus', false);
			expect(await paper(page)).toEqual(['who-called', 'call-order']);
			const block = page.locator('#q-who-called');
			await block.getByLabel('Ana Envoy').check();
			await block.getByRole('button', { name: 'Hand in answer' }).click();
			await page.getByText('Try 1 handed in.').waitFor();
			const answered = (await page.locator('#q-who-called').textContent()) ?? '';
			expect(answered).toMatch(/Try 1:.*right/s);
			expect(answered).not.toContain('not right');
		});
	});
}
