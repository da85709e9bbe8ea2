/**
 * Every lesson, as a learner opens it in Chromium: with JavaScript (hydrated, no console errors)
 * and without it (the prerendered HTML alone carries the text, citations and quiz questions).
 */
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson, Module } from '$lib/model/course';
import { loadCourse } from '$lib/server/content/load-course';
import { appUrl, BrowserSession } from './harness';

const { course } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
const lessons: [string, Module, Lesson][] = (course?.modules ?? []).flatMap((module) =>
	module.lessons.map((lesson): [string, Module, Lesson] => [`${module.slug}/${lesson.slug}`, module, lesson])
);

/** The first words of a section's text, as a reader sees them (tags and entities removed). */
function openingWords(html: string): string {
	const text = html
		.replace(/<[^>]+>/g, ' ')
		.replace(
			/&(amp|quot|#39|lt|gt);/g,
			(_entity, name: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[name] ?? ''
		)
		.replace(/\s+/g, ' ')
		.trim();
	return text.split(' ').slice(0, 4).join(' ');
}

/** A locator's text as written in the HTML (not innerText: CSS may upper-case badges), spaces collapsed. */
async function textOf(locator: Locator): Promise<string> {
	return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ');
}

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe('every lesson in Chromium', () => {
	it('has lessons to open', () => {
		expect(lessons.length).toBeGreaterThan(0);
	});

	it.each(lessons)(
		'%s opens with its title, sections and quiz, without console errors',
		async (path, _module, lesson) => {
			const { page, context } = await browser.page();
			const problems: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'error') problems.push(message.text());
			});
			page.on('pageerror', (error) => problems.push(error.message));
			const response = await page.goto(appUrl(`/${path}`));
			expect(response?.status()).toBe(200);
			await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(lesson.title);
			expect(await page.locator('h1').count()).toBe(1);
			for (const section of lesson.sections) {
				await expect(page.locator(`#${section.id} > h2`).textContent()).resolves.toBe(section.title);
			}
			expect(await page.locator('#quiz').count()).toBe(1);
			expect(problems).toEqual([]);
			await context.close();
		}
	);
});

describe('a lesson’s prerendered text, sent once', () => {
	it('is in the HTML once (the hydration data holds a placeholder), with no script fetched ahead of it', async () => {
		const [path, , lesson] = lessons[0] ?? [];
		if (!path || !lesson) throw new Error('no lesson');
		const html = await (await fetch(appUrl(`/${path}`))).text();
		const heading = `id="${lesson.sections[0]?.id}-title"`;
		expect(html.split(heading)).toHaveLength(2);
		expect(html).not.toContain('rel="modulepreload"');
	});

	it('stays on the page once hydrated, and the next lesson, reached inside the app, arrives with all its text', async () => {
		const [[path, , lesson], [, , next]] = lessons as [[string, Module, Lesson], [string, Module, Lesson]];
		const { page, context } = await browser.page();
		await page.goto(appUrl(`/${path}`));
		await page.waitForSelector('html[data-hydrated="true"]');
		const main = page.locator('main');
		for (const section of lesson.sections) {
			await expect(textOf(main.locator(`#${section.id}`))).resolves.toContain(openingWords(section.html));
		}
		// A client-side navigation: the next lesson's markup comes from its __data.json.
		const documents: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'document') documents.push(request.url());
		});
		await page.locator('.lesson-nav a[rel="next"]').click();
		await page.getByRole('heading', { level: 1, name: next.title }).waitFor();
		expect(documents).toEqual([]);
		for (const section of next.sections) {
			await expect(textOf(main.locator(`#${section.id}`))).resolves.toContain(openingWords(section.html));
		}
		expect(await page.locator('main svg [data-actor]').count()).toBeGreaterThan(0);
		await context.close();
	});
});

describe('every lesson with JavaScript off', () => {
	it.each(lessons)('%s has its text, citations and quiz questions in the HTML', async (path, module, lesson) => {
		const { page, context } = await browser.page({ javaScriptEnabled: false });
		await page.goto(appUrl(`/${path}`));
		const main = page.locator('main');
		for (const section of lesson.sections) {
			await expect(textOf(main.locator(`#${section.id}`))).resolves.toContain(openingWords(section.html));
		}
		const outlets = new Map(module.sources.map((source) => [source.id, source.outlet]));
		for (const id of lesson.cited) {
			await expect(textOf(main.locator(`#source-${id}`))).resolves.toContain(outlets.get(id));
		}
		const text = await textOf(main);
		for (const question of lesson.quiz.questions) {
			expect(text).toContain(openingWords(question.promptHtml));
		}
		await context.close();
	});
});
