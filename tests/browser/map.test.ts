/**
 * The network map as learners get it in Chromium: prerendered SVG that is there with JavaScript
 * off, reachable and usable by keyboard, a date slider that redraws the edges, and zoom code that
 * loads only when the learner touches the map. On lesson pages the map is an island: static
 * markup until the learner uses it, then the live map in its place with focus where it was. Names
 * and dates stay inside the drawing and clear of each other; calls and meetings have no arrowhead.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGraph, focusGraph } from '$lib/network/graph';
import { appUrl, BrowserSession } from './harness';
import { DENSE_LESSONS, fixtureModule } from '../fixtures/fixture-course';
import { everyTypeModule } from '../lib/server/export/every-type-module';

/**
 * The dense fixture module, which the build serves beside the others: every default relation kind,
 * 18 actors (tests/fixtures/dense-module.test.ts keeps it so).
 */
const module = await fixtureModule(DENSE_LESSONS, 'saltmere-bridge');

/** The module's map page and every lesson page, each with a map. */
const figures = [`/${module.slug}/map`, ...module.lessons.map((lesson) => `/${module.slug}/${lesson.slug}`)];

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

async function open(
	path: string,
	options: Parameters<BrowserSession['page']>[0] = {}
): Promise<{ page: Page; close: () => Promise<void> }> {
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
	it('is in the server HTML: every actor and relation, with JavaScript off', async () => {
		const { page, close } = await open(`/${module.slug}/map`, { javaScriptEnabled: false });
		const nodes = await page.$$eval('main svg [data-actor]', (elements) =>
			elements.map((element) => element.getAttribute('data-actor'))
		);
		expect(nodes.sort()).toEqual(module.actors.map((actor) => actor.id).sort());
		const { edges, rows } = await drawnAndListed(page);
		expect(edges).toEqual(
			buildGraph(module)
				.links.map((link) => link.id)
				.sort()
		);
		expect(rows).toEqual(edges);
		await close();
	});

	it.each([`/${module.slug}/map`, `/${module.slug}/${module.lessons[0]?.slug}`])(
		'%s with JavaScript off shows the figure and its table, and no control or instruction that cannot work',
		async (path) => {
			const { page, close } = await open(path, { javaScriptEnabled: false });
			const shown = await page.evaluate(() => {
				const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
				const map = document.querySelector('.network-map');
				return {
					controls: Array.from(map?.querySelectorAll('button, input, select') ?? [])
						.filter(visible)
						.map((control) => control.outerHTML.slice(0, 80)),
					figure: map?.querySelector('.canvas svg [data-actor]') !== null,
					table: map?.querySelector('table') !== null,
					text: document.querySelector('main')?.innerText ?? ''
				};
			});
			expect(shown.controls).toEqual([]);
			expect(shown.figure).toBe(true);
			expect(shown.table).toBe(true);
			for (const words of ['press Enter', 'arrow keys', 'date slider', 'untick', 'Explore the map'])
				expect(shown.text).not.toContain(words);
			await close();
		}
	);

	it.each(module.lessons.map((lesson) => [lesson.slug, lesson] as const))(
		'lesson %s shows its focused map in the server HTML',
		async (slug, lesson) => {
			const { page, close } = await open(`/${module.slug}/${slug}`, { javaScriptEnabled: false });
			const expected = focusGraph(buildGraph(module), lesson.focus);
			const { edges, rows } = await drawnAndListed(page, '.network-map');
			expect(edges).toEqual(expected.links.map((link) => link.id).sort());
			expect(rows).toEqual(edges);
			const nodes = await page.$$eval('.network-map svg [data-actor]', (elements) =>
				elements.map((element) => element.getAttribute('data-actor'))
			);
			expect(nodes.sort()).toEqual(expected.nodes.map((node) => node.id).sort());
			await close();
		}
	);

	it('lets the keyboard reach an actor and open its card, then return', async () => {
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
		const { page, close } = await open(`/${module.slug}/map`);
		const all = await drawnAndListed(page);
		// The map is prerendered: focusing its slider brings the live map in, focus on the live slider.
		await page.getByRole('slider', { name: 'Network as of' }).focus();
		await expect.poll(() => page.getByRole('button', { name: 'Explore the map' }).count()).toBe(0);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('range');
		await page.keyboard.press('Home');
		await page.waitForFunction(
			(count) => document.querySelectorAll('main svg path.edge').length < count,
			all.edges.length
		);
		const first = await drawnAndListed(page);
		expect(first.edges.length).toBeGreaterThan(0);
		expect(first.rows).toEqual(first.edges);
		await page.keyboard.press('End');
		await page.waitForFunction(
			(count) => document.querySelectorAll('main svg path.edge').length === count,
			all.edges.length
		);
		expect(await drawnAndListed(page)).toEqual(all);
		await close();
	});

	it('loads the zoom code on first use, and zooms one group', async () => {
		const { page, close } = await open(`/${module.slug}/map`);
		const scripts = () =>
			page.evaluate(
				() => performance.getEntriesByType('resource').filter((entry) => entry.name.endsWith('.js')).length
			);
		const before = await scripts();
		await page.getByRole('button', { name: 'Zoom in' }).click();
		await page.waitForFunction(() =>
			document.querySelector('main svg g.drawing')?.getAttribute('transform')?.includes('scale(1.5)')
		);
		expect(await scripts()).toBeGreaterThan(before);
		await page.getByRole('button', { name: 'Reset view' }).click();
		await page.waitForFunction(
			() => document.querySelector('main svg g.drawing')?.getAttribute('transform') === 'translate(0 0) scale(1)'
		);
		await close();
	});

	it('fits a 360 px screen without scrolling the page sideways', async () => {
		const { page, close } = await open(`/${module.slug}/map`, { viewport: { width: 360, height: 740 } });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
		await close();
	});

	it('draws calls and meetings without arrowheads, and statements, criticism, defence and publications with one', async () => {
		const { page, close } = await open(`/${module.slug}/map`);
		const marks = await page.$$eval('main svg path.edge', (edges) =>
			edges.map((edge) => ({
				id: edge.getAttribute('data-link') ?? '',
				start: edge.getAttribute('marker-start'),
				end: edge.getAttribute('marker-end')
			}))
		);
		const kinds = new Map(module.events.map((event) => [event.id, event.kind]));
		const kindOf = (id: string) => kinds.get(id.slice(0, id.indexOf(':')));
		for (const mark of marks) {
			const kind = kindOf(mark.id);
			if (kind === 'call') expect(mark, mark.id).toMatchObject({ start: null, end: null });
			else if (kind === 'meeting') expect(mark.start, mark.id).toBe(mark.end);
			else expect(mark, mark.id).toMatchObject({ start: null, end: expect.stringContaining(`-m-${kind}`) });
		}
		expect(new Set(marks.map((mark) => kindOf(mark.id)))).toEqual(new Set(module.events.map((event) => event.kind)));
		await close();
	});

	it('draws the second module in its own relation kinds: legend, end marks and the table’s words', async () => {
		const second = await everyTypeModule();
		const { page, close } = await open(`/${second.slug}/map`);
		const legend = await page.$$eval('main fieldset:nth-of-type(2) label', (labels) =>
			labels.map((label) => label.textContent?.trim())
		);
		expect(legend).toEqual(second.relationKinds.map((kind) => kind.label));
		const edge = (id: string) =>
			page.$eval(`main svg path.edge[data-link="${id}"]`, (element) => [
				element.getAttribute('marker-start'),
				element.getAttribute('marker-end')
			]);
		expect(await edge('first-call:boris-aide')).toEqual([null, null]);
		expect(await edge('report:boris-aide')).toEqual([null, 'url(#module-map-m-news-report)']);
		const relation = await page.$eval('main tr[data-link="report:boris-aide"] td:nth-child(2)', (cell) =>
			cell.textContent?.trim()
		);
		expect(relation).toBe('News report on Boris Aide');
		await close();
	});

	const widths = [1280, 390];
	it.each(figures.flatMap((path) => widths.map((width) => [path, width] as const)))(
		'%s at %i px: every name and date inside the drawing, no two names overlapping',
		async (path, width) => {
			const { page, close } = await open(path, { viewport: { width, height: 900 } });
			const problems = await page.evaluate(() => {
				const svg = document.querySelector('.network-map .canvas svg');
				if (!svg) return ['no map'];
				const frame = svg.getBoundingClientRect();
				const found: string[] = [];
				// Names a phone leaves out until zoomed or highlighted are not drawn (display: none).
				const texts = Array.from(svg.querySelectorAll<SVGTextElement>('text.name, text.edge-date')).filter(
					(text) => getComputedStyle(text).display !== 'none'
				);
				for (const text of texts) {
					const box = text.getBoundingClientRect();
					if (
						box.left < frame.left - 0.5 ||
						box.right > frame.right + 0.5 ||
						box.top < frame.top - 0.5 ||
						box.bottom > frame.bottom + 0.5
					) {
						found.push(`clipped: ${text.textContent}`);
					}
				}
				const names = texts
					.filter((text) => text.classList.contains('name'))
					.map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }));
				for (let i = 0; i < names.length; i++) {
					for (let j = i + 1; j < names.length; j++) {
						const a = names[i]?.box;
						const b = names[j]?.box;
						if (!a || !b) continue;
						const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
						const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
						if (overlapX > 0.5 && overlapY > 0.5) found.push(`overlap: ${names[i]?.text} / ${names[j]?.text}`);
					}
				}
				return texts.length === 0 ? ['no labels'] : found;
			});
			expect(problems).toEqual([]);
			await close();
		}
	);
});

describe('the map on a 390 x 844 phone', () => {
	it.each(figures)('%s: fits the width on load, every actor in view, names at least 11 px', async (path) => {
		const { page, close } = await open(path, { viewport: { width: 390, height: 844 } });
		const found = await page.evaluate(() => {
			const canvas = document.querySelector('.network-map .canvas');
			const svg = canvas?.querySelector('svg');
			if (!canvas || !svg) return { outside: ['no map'], small: [], names: 0, actors: 0 };
			const box = canvas.getBoundingClientRect();
			const actors = Array.from(svg.querySelectorAll('[data-actor]'));
			const outside = actors.flatMap((actor) => {
				const node = (actor.querySelector('path.shape') ?? actor).getBoundingClientRect();
				const centre = { x: node.left + node.width / 2, y: node.top + node.height / 2 };
				return centre.x < box.left || centre.x > box.right || centre.y < box.top || centre.y > box.bottom
					? [actor.getAttribute('data-actor') ?? '?']
					: [];
			});
			const drawn = Array.from(svg.querySelectorAll<SVGTextElement>('text.name')).filter(
				(text) => getComputedStyle(text).display !== 'none'
			);
			// The glyphs' height on screen: the text box's height is about 1.2 times the font size.
			const small = drawn.flatMap((text) => {
				const height = text.getBoundingClientRect().height;
				return height < 11 ? [`${text.textContent}: ${height.toFixed(1)} px`] : [];
			});
			return { outside, small, names: drawn.length, actors: actors.length };
		});
		expect(found.actors).toBeGreaterThan(0);
		expect(found.outside).toEqual([]);
		expect(found.small).toEqual([]);
		expect(found.names).toBeGreaterThan(0);
		// Nothing scrolls sideways: the drawing is the width of its box.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await close();
	});
});

describe('the lesson map as an island', () => {
	const lesson = module.lessons[1] ?? module.lessons[0];
	const path = `/${module.slug}/${lesson?.slug}`;
	const mapCode = (page: Page) =>
		page.evaluate(() => performance.getEntriesByType('resource').some((entry) => entry.name.endsWith('/map.json')));
	/** Gone once the live map is in. */
	const explore = (page: Page) => page.getByRole('button', { name: 'Explore the map' });

	it('is prerendered: the page loads no map code or data until the learner uses the map', async () => {
		const { page, close } = await open(path);
		await page.waitForLoadState('networkidle');
		expect(await page.locator('.map-island svg [data-actor]').count()).toBeGreaterThan(0);
		expect(await explore(page).isVisible()).toBe(true);
		expect(await mapCode(page)).toBe(false);
		await close();
	});

	it('goes live when the keyboard reaches an actor, keeping focus on it; Enter then opens its card', async () => {
		const { page, close } = await open(path);
		let actor: string | null = null;
		for (let presses = 0; presses < 120 && !actor; presses++) {
			await page.keyboard.press('Tab');
			actor = await page.evaluate(() =>
				document.activeElement?.closest('.map-island') ? document.activeElement.getAttribute('data-actor') : null
			);
		}
		expect(actor).not.toBeNull();
		await expect.poll(() => explore(page).count()).toBe(0);
		expect(await mapCode(page)).toBe(true);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-actor'))).toBe(actor);
		await page.keyboard.press('Enter');
		const name = module.actors.find((candidate) => candidate.id === actor)?.name ?? '';
		await page.getByRole('article', { name }).waitFor();
		expect(page.url()).toBe(appUrl(path));
		await close();
	});

	it('"Explore the map" brings the live map in by keyboard, with focus on its first actor', async () => {
		const { page, close } = await open(path);
		await explore(page).focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => explore(page).count()).toBe(0);
		expect(await page.evaluate(() => document.activeElement?.matches('.map-island svg [data-actor]'))).toBe(true);
		await close();
	});
});
