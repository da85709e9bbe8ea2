/**
 * Issue 21: on a slow network a page's HTML arrives well before its JavaScript and people start
 * typing. Each classroom form is filled while the client scripts are held back (route
 * interception), then the scripts are let through; what was typed must survive hydration and
 * the form must submit. Also: with no ORIGIN set, adapter-node's plain-HTTP server prints
 * `http://` links on the dashboard before any script runs.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession } from './harness';

// The every-type fixture module, built into the app beside the real one (see global-setup.ts).
const module = await everyTypeModule();
const lesson = module.lessons[0];
const question = lesson?.quiz.questions.find(
	(candidate): candidate is Extract<Question, { type: 'single' }> => candidate.type === 'single'
);
if (!lesson || !question) throw new Error('the module needs a first lesson with a single-choice question');
const rightText = question.options.find((option) => option.id === question.answer)?.text ?? '';

let browser: BrowserSession;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
});

/** A page whose client scripts wait until `release()` is called. */
async function slowScripts(): Promise<{ page: Page; context: BrowserContext; release: () => Promise<void> }> {
	const { page, context } = await browser.page();
	contexts.push(context);
	let open = () => {};
	const gate = new Promise<void>((resolve) => (open = resolve));
	await page.route(/\/_app\/.*\.js(\?.*)?$/, async (route) => {
		await gate;
		await route.continue();
	});
	const release = async () => {
		open();
		await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
	};
	return { page, context, release };
}

async function post(path: string, fields: [string, string][]): Promise<Response> {
	return fetch(appUrl(path), {
		method: 'POST',
		redirect: 'manual',
		body: new URLSearchParams(fields),
		headers: { origin: new URL(appUrl('/')).origin, accept: 'text/html' }
	});
}

async function newAssignment(): Promise<{ id: string; dashboard: string; joinCode: string }> {
	const created = await post('/teach?/create', [
		['title', 'Hydration class'],
		['lessons', `${module.slug}/${lesson?.slug}`],
		['passMark', '80'],
		['tries', '2'],
		['reveal', 'immediate'],
		// Practice: the lesson's own questions, so the test knows one answer (assessed draws held-back items).
		['mode', 'practice'],
		['due', '']
	]);
	const dashboard = (created.headers.get('location') ?? '').replace(/\?created$/, '');
	const html = await (await fetch(appUrl(dashboard))).text();
	const joinCode = /data-testid="join-code">([A-Z0-9]{6})</.exec(html)?.[1] ?? '';
	const id = /^\/teach\/([^/]+)\//.exec(dashboard)?.[1] ?? '';
	return { id, dashboard, joinCode };
}

describe('forms filled before hydration', () => {
	it('/join keeps the code and name typed, and joins', async () => {
		const { joinCode } = await newAssignment();
		const { page, release } = await slowScripts();
		await page.goto(appUrl('/join'), { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Join code').fill(joinCode.toLowerCase());
		await page.getByLabel('Your name').fill('Typed Early');
		await release();
		expect(await page.getByLabel('Join code').inputValue()).toBe(joinCode.toLowerCase());
		expect(await page.getByLabel('Your name').inputValue()).toBe('Typed Early');
		await page.getByRole('button', { name: 'Join' }).click();
		await page.waitForURL(/\/class\/[^/]+\?joined$/);
		expect(await page.getByText('Signed in as').textContent()).toContain('Typed Early');
	});

	it('/teach keeps the title, lessons, due date, numbers and choice typed, and creates the assignment', async () => {
		const { page, release } = await slowScripts();
		await page.goto(appUrl('/teach'), { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Title').fill('Typed before the script');
		// One lesson ticked, every other unticked, whichever module the form starts from.
		const chosen = `${module.slug}/${lesson.slug}`;
		const boxes = await page.locator('input[name="lessons"]').all();
		for (const box of boxes) await box.setChecked((await box.getAttribute('value')) === chosen);
		await page.getByLabel('Due date (optional)').fill('2099-03-01T17:00');
		await page.getByLabel('Pass mark (%)').fill('65');
		await page.getByLabel('Tries per question').fill('3');
		await page.getByLabel(/^After the due date/).check();
		await release();

		expect(await page.getByLabel('Title').inputValue()).toBe('Typed before the script');
		const ticked = [];
		for (const box of boxes) if (await box.isChecked()) ticked.push(await box.getAttribute('value'));
		expect(ticked).toEqual([chosen]);
		expect(boxes.length).toBeGreaterThan(1);
		expect(await page.getByLabel('Due date (optional)').inputValue()).toBe('2099-03-01T17:00');
		expect(await page.getByLabel('Pass mark (%)').inputValue()).toBe('65');
		expect(await page.getByLabel('Tries per question').inputValue()).toBe('3');
		expect(await page.getByLabel(/^After the due date/).isChecked()).toBe(true);

		await page.getByRole('button', { name: 'Create the assignment' }).click();
		await page.waitForURL(/\/teach\/[^/]+\/[^/?]+\?created$/);
		const settings = (await page.locator('dl.settings').textContent()) ?? '';
		expect(settings).toContain('65%');
		expect(settings).toContain('After the due date');
		expect(settings).toContain(lesson.title);
		for (const other of module.lessons.slice(1)) expect(settings).not.toContain(other.title);
	});

	it('a graded question keeps the option chosen, and hands it in', async () => {
		const { id, joinCode } = await newAssignment();
		const joined = await post('/join?/join', [
			['code', joinCode],
			['name', 'Early chooser']
		]);
		const [pair] = (joined.headers.getSetCookie()[0] ?? '').split(';');
		const [name, value] = (pair ?? '').split('=');
		const { page, context, release } = await slowScripts();
		await context.addCookies([
			{ name: name ?? '', value: value ?? '', domain: new URL(appUrl('/')).hostname, path: `/class/${id}` }
		]);
		await page.goto(appUrl(`/class/${id}/${lesson.slug}`), { waitUntil: 'domcontentloaded' });
		const block = page.locator(`#q-${question.id}`);
		await block.getByLabel(rightText).check();
		await release();
		expect(await block.getByLabel(rightText).isChecked()).toBe(true);
		await block.getByRole('button', { name: 'Hand in answer' }).click();
		await block.getByText('Try 1 handed in.').waitFor();
		expect(await block.textContent()).toContain('Correct answer:');
	});
});

describe('the dashboard’s forms filled before hydration', () => {
	it('keep the new due date and the delete confirmation, and reopen the assignment', async () => {
		const { dashboard } = await newAssignment();
		await post(`${dashboard}?/close`, []);
		const { page, release } = await slowScripts();
		await page.goto(appUrl(dashboard), { waitUntil: 'domcontentloaded' });
		await page.getByLabel('New due date (optional)').fill('2099-05-01T09:30');
		await page.getByLabel(/^Yes, delete/).check();
		await release();
		expect(await page.getByLabel('New due date (optional)').inputValue()).toBe('2099-05-01T09:30');
		expect(await page.getByLabel(/^Yes, delete/).isChecked()).toBe(true);
		await page.getByRole('button', { name: 'Reopen the assignment' }).click();
		await page.getByText('The assignment is open again.').waitFor();
		expect(await page.locator('dl.settings').textContent()).toContain('2099');
	});
});

describe('links without JavaScript', () => {
	it('shows http:// join and dashboard links on the plain-HTTP server with no ORIGIN', async () => {
		const { dashboard, joinCode } = await newAssignment();
		const html = await (await fetch(appUrl(dashboard))).text();
		const origin = new URL(appUrl('/')).origin;
		expect(origin.startsWith('http://')).toBe(true);
		expect(html).toContain(`value="${origin}/join/${joinCode}"`);
		expect(html).toContain(`value="${origin}${dashboard}"`);
	});
});
