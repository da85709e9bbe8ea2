/**
 * The network map as learners get it in Chromium: prerendered SVG that is there with JavaScript
 * off, reachable and usable by keyboard, a date slider that redraws the edges, and zoom code that
 * loads only when the learner touches the map.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Module } from '../../src/lib/model/course';
import { buildGraph, focusGraph } from '../../src/lib/network/graph';
import { loadCourse } from '../../src/lib/server/content/load-course';
import { appUrl, BrowserSession } from './harness';

const { course } = await loadCourse('lessons');
const modules: Module[] = course?.modules ?? [];
const module = modules[0];

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

async function open(path: string, options: Parameters<BrowserSession['page']>[0] = {}): Promise<{ page: Page; close: () => Promise<void> }> {
	const { page, context } = await browser.page(options);
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto(appUrl(path));
	if (options.javaScriptEnabled !== false) await page.waitForSelector('html[data-hydrated="true"]');
	return {
		page,
		close: async () => {
			expect(problems).toEqual([]);
			await context.close();
		}
	};
}

/** The edges drawn and the table's rows, as sorted link ids. */
async function drawnAndListed(page: Page, root = 'main'): Promise<{ edges: string[]; rows: string[] }> {
	const ids = (selector: string) =>
		page.$$eval(selector, (elements) => elements.map((element) => element.getAttribute('data-link') ?? '').sort());
	return { edges: await ids(`${root} svg path.edge`), rows: await ids(`${root} tbody tr[data-link]`) };
}

describe('the network map in Chromium', () => {
	it('has a module to draw', () => {
		expect(module?.actors.length).toBeGreaterThan(0);
	});

	it('is in the server HTML: every actor and relation, with JavaScript off', async () => {
		if (!module) throw new Error('no module');
		const { page, close } = await open(`/${module.slug}/map`, { javaScriptEnabled: false });
		const nodes = await page.$$eval('main svg [data-actor]', (elements) => elements.map((element) => element.getAttribute('data-actor')));
		expect(nodes.sort()).toEqual(module.actors.map((actor) => actor.id).sort());
		const { edges, rows } = await drawnAndListed(page);
		expect(edges).toEqual(buildGraph(module).links.map((link) => link.id).sort());
		expect(rows).toEqual(edges);
		await close();
	});

	it.each(module?.lessons.map((lesson) => [lesson.slug, lesson] as const) ?? [])(
		'lesson %s shows its focused map in the server HTML',
		async (slug, lesson) => {
			if (!module) throw new Error('no module');
			const { page, close } = await open(`/${module.slug}/${slug}`, { javaScriptEnabled: false });
			const expected = focusGraph(buildGraph(module), lesson.focus);
			const { edges, rows } = await drawnAndListed(page, '.network-map');
			expect(edges).toEqual(expected.links.map((link) => link.id).sort());
			expect(rows).toEqual(edges);
			const nodes = await page.$$eval('.network-map svg [data-actor]', (elements) => elements.map((element) => element.getAttribute('data-actor')));
			expect(nodes.sort()).toEqual(expected.nodes.map((node) => node.id).sort());
			await close();
		}
	);

	it('lets the keyboard reach an actor and open its card, then return', async () => {
		if (!module) throw new Error('no module');
		const { page, close } = await open(`/${module.slug}/map`);
		let actor: string | null = null;
		for (let presses = 0; presses < 80 && !actor; presses++) {
			await page.keyboard.press('Tab');
			actor = await page.evaluate(() => document.activeElement?.getAttribute('data-actor') ?? null);
		}
		expect(actor).not.toBeNull();
		const name = module.actors.find((candidate) => candidate.id === actor)?.name ?? '';
		await page.keyboard.press('Enter');
		const card = page.getByRole('article', { name });
		await card.waitFor();
		expect(await card.isVisible()).toBe(true);
		// The card took focus; Escape gives it back to the actor on the map.
		await page.keyboard.press('Escape');
		await page.waitForFunction((id) => document.activeElement?.getAttribute('data-actor') === id, actor);
		expect(page.url()).toBe(appUrl(`/${module.slug}/map`));
		await close();
	});

	it('redraws the edges, and the table with them, when the date slider moves', async () => {
		if (!module) throw new Error('no module');
		const { page, close } = await open(`/${module.slug}/map`);
		const all = await drawnAndListed(page);
		await page.getByRole('slider', { name: 'Network as of' }).focus();
		await page.keyboard.press('Home');
		await page.waitForFunction((count) => document.querySelectorAll('main svg path.edge').length < count, all.edges.length);
		const first = await drawnAndListed(page);
		expect(first.edges.length).toBeGreaterThan(0);
		expect(first.rows).toEqual(first.edges);
		await page.keyboard.press('End');
		await page.waitForFunction((count) => document.querySelectorAll('main svg path.edge').length === count, all.edges.length);
		expect(await drawnAndListed(page)).toEqual(all);
		await close();
	});

	it('loads the zoom code on first use, and zooms one group', async () => {
		if (!module) throw new Error('no module');
		const { page, close } = await open(`/${module.slug}/map`);
		const scripts = () => page.evaluate(() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')).length);
		const before = await scripts();
		await page.getByRole('button', { name: 'Zoom in' }).click();
		await page.waitForFunction(() => document.querySelector('main svg g.drawing')?.getAttribute('transform')?.includes('scale(1.5)'));
		expect(await scripts()).toBeGreaterThan(before);
		await page.getByRole('button', { name: 'Reset view' }).click();
		await page.waitForFunction(() => document.querySelector('main svg g.drawing')?.getAttribute('transform') === 'translate(0 0) scale(1)');
		await close();
	});

	it('fits a 360 px screen without scrolling the page sideways', async () => {
		if (!module) throw new Error('no module');
		const { page, close } = await open(`/${module.slug}/map`, { viewport: { width: 360, height: 740 } });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await close();
	});
});
