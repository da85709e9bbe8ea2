/**
 * A SCORM package in a real LMS runtime: scorm-again provides window.API (1.2) or
 * window.API_1484_11 (2004) in a player page, which opens the package's launch page, unzipped on
 * a plain file server under a deep path, in a frame. A learner answers a lesson's quiz by
 * keyboard, moves on to the next lesson and leaves; the test reads back what the LMS received,
 * then starts a second session from the saved data and checks the package resumes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { unzipSync } from 'fflate';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Module } from '$lib/model/course';
import { launchScript } from '$lib/server/export/scorm/runtime-bundle';
import { scormPackage } from '$lib/server/export/scorm/scorm-package';
import { sitePages } from '$lib/server/export/scorm/site-pages';
import { buildStaticSite, PROJECT_ROOT } from '$lib/server/export/scorm/static-build';
import { everyTypeModule, EXPORT_LESSONS_DIR } from '../lib/server/export/every-type-module';
import { BrowserSession } from './harness';
import { answerByKeyboard, tabTo } from './quiz-helpers';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.xml': 'application/xml'
};

/** An LMS's player pages: scorm-again as the API, the package in a frame, every value set logged. */
function playerPage(version: '1.2' | '2004'): string {
	const [script, api, set] =
		version === '1.2'
			? ['scorm12.min.js', 'window.API = new Scorm12API(settings)', 'LMSSetValue.cmi.*']
			: ['scorm2004.min.js', 'window.API_1484_11 = new Scorm2004API(settings)', 'SetValue.cmi.*'];
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="/lms/${script}"></script></head><body>
<iframe id="sco" title="Course" style="width:1000px;height:700px"></iframe>
<script>
window.setLog = [];
window.openSco = (saved) => {
	const settings = { logLevel: 5, autocommit: false };
	${api};
	if (saved) (window.API || window.API_1484_11).loadFromJSON(saved);
	(window.API || window.API_1484_11).on('${set}', (element, value) => window.setLog.push([element, value]));
	document.getElementById('sco').src = '/lms/content/${version}/course-42/index.html';
};
</script></body></html>`;
}

/**
 * The hook runs a whole production build of the fixture module (as `npm run export` does), on top
 * of the project's own build: on a busy 2-core machine that has taken over 4 minutes.
 */
const PACKAGE_BUILD_TIMEOUT = 600_000;

let server: Server;
let baseUrl: string;
let root: string;
let module: Module;
let browser: BrowserSession;

beforeAll(async () => {
	module = await everyTypeModule();
	root = mkdtempSync(join(tmpdir(), 'backchannel-lms-'));
	const build = await buildStaticSite(EXPORT_LESSONS_DIR);
	try {
		const site = sitePages(build.dir, module.slug);
		const script = await launchScript();
		for (const version of ['1.2', '2004'] as const) {
			const files = unzipSync(scormPackage(module, version, site, script));
			for (const [path, bytes] of Object.entries(files)) {
				const target = join(root, 'content', version, 'course-42', path);
				mkdirSync(dirname(target), { recursive: true });
				writeFileSync(target, bytes);
			}
			writeFileSync(join(root, `player-${version}.html`), playerPage(version));
		}
	} finally {
		build.remove();
	}
	for (const name of ['scorm12.min.js', 'scorm2004.min.js']) {
		writeFileSync(join(root, name), readFileSync(join(PROJECT_ROOT, 'node_modules/scorm-again/dist', name)));
	}
	// A plain file server: no routes, no index files, nothing but the files under /lms/.
	server = createServer((request, response) => {
		const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname));
		if (!path.startsWith('/lms/')) return void response.writeHead(404).end();
		try {
			const body = readFileSync(join(root, path.slice('/lms/'.length)));
			response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
		} catch {
			response.writeHead(404).end();
		}
	});
	await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
	const address = server.address();
	baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	browser = await BrowserSession.start();
}, PACKAGE_BUILD_TIMEOUT);

afterAll(async () => {
	await browser?.close();
	// After a failed set-up there may be no server: waiting on its close would never end.
	if (server) await new Promise((closed) => server.close(closed));
	if (root) rmSync(root, { recursive: true, force: true });
});

const content = (page: Page): FrameLocator => page.frameLocator('#sco').frameLocator('#content');

/** The frame the package shows its pages in, once it holds `path` and the app has hydrated. */
async function contentFrame(page: Page, path: string): Promise<Frame> {
	await expect
		.poll(
			() =>
				page
					.frames()
					.find((frame) => frame.url().endsWith(path))
					?.url(),
			{ timeout: 20_000 }
		)
		.toBeTruthy();
	const frame = page.frames().find((candidate) => candidate.url().endsWith(path));
	if (!frame) throw new Error(`no frame at ${path}`);
	await frame.waitForLoadState('load');
	// A page with `csr = false` (people, sources) ships no script and never hydrates.
	if ((await frame.locator('script').count()) > 0) await frame.waitForSelector('html[data-hydrated]');
	return frame;
}

async function answerLessonQuiz(page: Page, frame: Frame, lessonSlug: string): Promise<void> {
	const lesson = module.lessons.find((candidate) => candidate.slug === lessonSlug);
	if (!lesson) throw new Error(`no lesson ${lessonSlug}`);
	const quiz = frame.locator('#quiz');
	await tabTo(frame, quiz.getByRole('button', { name: 'Start the quiz' }));
	await page.keyboard.press('Enter');
	for (const [index, question] of lesson.quiz.questions.entries()) {
		await expect.poll(() => frame.locator('#quiz-question-heading').textContent()).toContain(`Question ${index + 1}`);
		await answerByKeyboard(frame, question);
		await tabTo(frame, quiz.getByRole('button', { name: 'Check my answer' }));
		await page.keyboard.press('Enter');
		const last = index === lesson.quiz.questions.length - 1;
		await tabTo(frame, quiz.getByRole('button', { name: last ? 'See your results' : 'Next question' }));
		await page.keyboard.press('Enter');
	}
	await frame.locator('#quiz-results-heading').waitFor();
}

/** Ends the SCO session the way an LMS does: it unloads the package's frame. */
async function leave(page: Page): Promise<Record<string, string>> {
	await page.evaluate(() => {
		(document.getElementById('sco') as HTMLIFrameElement).src = 'about:blank';
	});
	await expect
		.poll(() => page.evaluate(() => JSON.stringify((window as unknown as { setLog: unknown[] }).setLog)))
		.toMatch(/session_time/);
	const log = await page.evaluate(() => (window as unknown as { setLog: [string, string][] }).setLog);
	return Object.fromEntries(log);
}

describe.each(['1.2', '2004'] as const)('a SCORM %s package in scorm-again', (version) => {
	const names =
		version === '1.2'
			? {
					status: 'cmi.core.lesson_status',
					raw: 'cmi.core.score.raw',
					location: 'cmi.core.lesson_location',
					time: 'cmi.core.session_time',
					response: 'student_response'
				}
			: {
					status: 'cmi.success_status',
					raw: 'cmi.score.raw',
					location: 'cmi.location',
					time: 'cmi.session_time',
					response: 'learner_response'
				};
	let saved: Record<string, string> = {};

	it('reports a lesson quiz answered by keyboard: interactions, score, status, location, session time', async () => {
		const { page, context } = await browser.page();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${baseUrl}/lms/player-${version}.html`);
		await page.evaluate(() => (window as unknown as { openSco: (saved?: unknown) => void }).openSco());
		const overview = await contentFrame(page, `course-42/${module.slug}.html`);
		await tabTo(overview, overview.getByRole('link', { name: 'The call', exact: true }).first());
		await page.keyboard.press('Enter');
		const lesson = await contentFrame(page, `${module.slug}/the-call.html`);
		await answerLessonQuiz(page, lesson, 'the-call');
		await tabTo(lesson, lesson.getByRole('link', { name: /Next: The report/ }));
		await page.keyboard.press('Enter');
		await contentFrame(page, `${module.slug}/the-report.html`);
		saved = await leave(page);

		const questions = module.lessons[0]?.quiz.questions ?? [];
		const interactions = questions.map((question, n) => ({
			id: saved[`cmi.interactions.${n}.id`],
			result: saved[`cmi.interactions.${n}.result`],
			response: saved[`cmi.interactions.${n}.${names.response}`]
		}));
		expect(interactions.map((interaction) => interaction.id)).toEqual(questions.map((question) => question.id));
		expect(interactions.every((interaction) => interaction.result === 'correct')).toBe(true);
		expect(saved['cmi.interactions.3.type']).toBe('sequencing');
		expect(saved[names.raw]).toBe(String(Math.round(400 / 7)));
		expect(saved[names.status]).toBe(version === '1.2' ? 'incomplete' : 'unknown');
		expect(saved[names.location]).toBe(`${module.slug}/the-report.html`);
		expect(saved[names.time]).toMatch(version === '1.2' ? /^\d{4}:\d\d:\d\d\.\d\d$/ : /^PT\d+H\d+M[\d.]+S$/);
		expect(saved['cmi.suspend_data']?.length).toBeGreaterThan(0);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('resumes in a second session where the learner left, and completes the module with the next quiz', async () => {
		const { page, context } = await browser.page();
		await page.goto(`${baseUrl}/lms/player-${version}.html`);
		const cmi =
			version === '1.2'
				? {
						cmi: {
							suspend_data: saved['cmi.suspend_data'],
							core: { lesson_location: saved[names.location], entry: 'resume' }
						}
					}
				: { cmi: { suspend_data: saved['cmi.suspend_data'], location: saved[names.location], entry: 'resume' } };
		await page.evaluate((data) => (window as unknown as { openSco: (saved?: unknown) => void }).openSco(data), cmi);
		// A fresh browser profile: nothing in localStorage, so the resume comes from the LMS.
		const lesson = await contentFrame(page, `${module.slug}/the-report.html`);
		await expect(content(page).locator('h1').textContent()).resolves.toContain('The report');
		await answerLessonQuiz(page, lesson, 'the-report');
		const second = await leave(page);
		expect(second[names.raw]).toBe('100');
		expect(second[names.status]).toBe('passed');
		if (version === '2004') expect(second['cmi.completion_status']).toBe('completed');
		expect(second['cmi.interactions.0.id']).toBe('who-said');
		expect(second[`cmi.interactions.0.${names.response}`]).toBe(
			version === '1.2' ? 'q1.boris-aide,q2.cara-critic' : 'q1[.]boris-aide[,]q2[.]cara-critic'
		);
		await context.close();
	});
});

describe('a SCORM package opened outside an LMS', () => {
	it('works on its own: the overview opens, lessons and the quiz work, and links the app renders later lead to package pages', async () => {
		const { page, context } = await browser.page();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${baseUrl}/lms/content/2004/course-42/index.html`);
		const overview = await contentFrame(page, `course-42/${module.slug}.html`);
		await expect.poll(() => page.title()).toContain(module.title);
		await overview.getByRole('link', { name: 'The call', exact: true }).first().click();
		const lesson = await contentFrame(page, `${module.slug}/the-call.html`);
		const quiz = lesson.locator('#quiz');
		await quiz.getByRole('button', { name: 'Start the quiz' }).click();
		// By mouse here: the keyboard path is the LMS tests' above.
		await quiz.locator('input[type="radio"][value="ana"]').check();
		await quiz.getByRole('button', { name: 'Check my answer' }).click();
		// The explanation arrives with the feedback, rendered by the app: its actor link says /every-type/people.
		const actor = quiz.locator('a.actor', { hasText: 'Ana Envoy' }).first();
		await expect(actor.getAttribute('href')).resolves.toBe(`/${module.slug}/people#ana-envoy`);
		await actor.click();
		await contentFrame(page, `${module.slug}/people.html#ana-envoy`);
		expect(errors).toEqual([]);
		await context.close();
	});
});
