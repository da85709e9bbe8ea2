/**
 * Every page the crawl finds, on a phone and a laptop screen, in the light and dark colour
 * schemes, opened once per state for three checks: axe-core against WCAG 2.2 A and AA (zero
 * violations), nothing wider than the screen, and (outside CI) a full-page screenshot saved to the
 * git-ignored `screenshots/` folder for a person to look at. The crawl itself is checked first, so a page
 * missing from it cannot escape silently.
 *
 * One page load serves all three checks (they were two suites loading every state twice). In the
 * dark scheme axe runs only the colour rules: the scheme swaps colours and nothing else, which the
 * premise test below keeps true.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '$lib/server/content/load-course';
import { describeViolations, violationsOn } from './axe';
import { crawlRoutes } from './crawl';
import { appUrl, BrowserSession, openHydrated } from './harness';
import { COLOR_SCHEMES, VIEWPORTS, type ViewportName } from './screens';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });
const PHONE: ViewportName = '390x844';
/**
 * Screenshots are for a person to look at, so they are taken where one can (a local run), not in
 * CI, where nobody opens them and a full-page capture of every page costs about a minute.
 */
const SAVE_SCREENSHOTS = !process.env.CI;
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

const { course } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
const browser = await BrowserSession.start();
const crawlContext = await browser.context();
const crawl = await crawlRoutes(crawlContext, appUrl('/'));
await crawlContext.close();
afterAll(async () => {
	await browser.close();
});

/** `/every-type/the-call` -> `every-type_the-call`; the catalogue is `index`. */
function fileName(path: string, viewport: ViewportName, scheme: string): string {
	const name = path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9-]+/gi, '_') || 'index';
	return `${name}@${viewport}-${scheme}.png`;
}

/** The page must not scroll sideways; a wide table may, inside its own scrolling box. */
async function overflow(page: Page): Promise<{ width: number; scrollWidth: number; culprits: string[] }> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const inScrollingBox = (element: Element) => {
			for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
				if (getComputedStyle(parent).overflowX !== 'visible') return true;
			}
			return false;
		};
		const culprits = Array.from(document.querySelectorAll('body *'))
			.filter((element) => element.getBoundingClientRect().right > width + 1 && !inScrollingBox(element))
			.map(
				(element) =>
					`${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}.${element.getAttribute('class') ?? ''}`
			)
			.slice(0, 5);
		return { width, scrollWidth: document.documentElement.scrollWidth, culprits };
	});
}

function sourceFiles(folder: string): string[] {
	return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(css|svelte)$/.test(entry.name) ? [path] : [];
	});
}

describe('the checks', () => {
	it('axe reports what it should: a faint text and a button without a name', async () => {
		const { page, context } = await browser.page();
		await page.setContent(
			'<html lang="en"><title>Canary</title><main><h1>Test</h1><p style="color:#999;background:#aaa">faint</p><button></button></main></html>'
		);
		expect(describeViolations(await violationsOn(page))).toEqual([
			expect.stringMatching(/^button-name \(critical\) at button: /),
			expect.stringMatching(/^color-contrast \(serious\) at p: /)
		]);
		expect(describeViolations(await violationsOn(page, 'colour'))).toEqual([
			expect.stringMatching(/^color-contrast \(serious\) at p: /)
		]);
		await context.close();
	});

	it('premise of the colour-only dark run: the dark scheme only swaps custom properties', () => {
		const darkRules = sourceFiles(SRC).flatMap((file) => {
			const text = readFileSync(file, 'utf8');
			const blocks = [...text.matchAll(/@media \(prefers-color-scheme: dark\) \{\s*:root \{([^}]*)\}\s*\}/g)];
			const mentions = text.split('prefers-color-scheme').length - 1;
			return [{ file, blocks: blocks.map((block) => block[1] ?? ''), mentions }];
		});
		const mentioning = darkRules.filter((rule) => rule.mentions > 0);
		expect(mentioning.length).toBeGreaterThan(0);
		for (const rule of mentioning) {
			expect(rule.blocks.length, `${rule.file}: a dark-scheme rule other than :root custom properties`).toBe(
				rule.mentions
			);
			const declarations = rule.blocks.flatMap((block) =>
				block
					.split(';')
					.map((line) => line.trim())
					.filter(Boolean)
			);
			expect(declarations.filter((line) => !line.startsWith('--'))).toEqual([]);
		}
	});

	it('runs on a course of more than one module (global setup adds a second one)', () => {
		expect(course?.modules.length).toBeGreaterThan(1);
	});

	it('the crawl finds the catalogue, every module overview and every lesson by following links', () => {
		const expected = [
			'/',
			...(course?.modules ?? []).flatMap((module) => [
				`/${module.slug}`,
				...module.lessons.map((lesson) => `/${module.slug}/${lesson.slug}`)
			])
		];
		expect(expected.length).toBeGreaterThan(2);
		expect(crawl.routes).toEqual(expect.arrayContaining(expected));
	});

	it('the crawl finds no broken links and visits every page within its limit', () => {
		expect(crawl.broken).toEqual([]);
		expect(crawl.truncated).toBe(false);
	});
});

/**
 * The light scheme on both screens; the dark scheme, which only swaps colours (see its premise
 * test), on the phone alone: a colour is the same at any width, and each extra case costs a page
 * load, axe and a screenshot.
 */
const cases = crawl.routes.flatMap((path) =>
	COLOR_SCHEMES.flatMap((scheme) =>
		(scheme === COLOR_SCHEMES[0] ? (Object.keys(VIEWPORTS) as ViewportName[]) : [PHONE]).map((viewport) => ({
			path,
			scheme,
			viewport
		}))
	)
);

describe.concurrent('every page', () => {
	it.for(cases)(
		`$path in $scheme at $viewport: no axe violations, fits the screen${SAVE_SCREENSHOTS ? ', screenshot saved' : ''}`,
		async ({ path, scheme, viewport }, { expect }) => {
			const { page, context } = await browser.page({ colorScheme: scheme, viewport: VIEWPORTS[viewport] });
			await openHydrated(page, path);
			expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
			const scope = scheme === COLOR_SCHEMES[0] ? 'all' : 'colour';
			expect(describeViolations(await violationsOn(page, scope))).toEqual([]);
			const layout = await overflow(page);
			expect(layout.scrollWidth, `wider than the screen: ${layout.culprits.join(', ')}`).toBeLessThanOrEqual(
				layout.width
			);
			if (SAVE_SCREENSHOTS) {
				const image = await page.screenshot({
					path: `${SCREENSHOTS}${fileName(path, viewport, scheme)}`,
					fullPage: true,
					animations: 'disabled'
				});
				expect(image.byteLength).toBeGreaterThan(1000);
			}
			await context.close();
		}
	);

	it.for(COLOR_SCHEMES)('the not-found page in %s has no axe violations', async (scheme, { expect }) => {
		const { page, context } = await browser.page({ colorScheme: scheme });
		const response = await page.goto(appUrl('/no-such-module'));
		expect(response?.status()).toBe(404);
		expect(describeViolations(await violationsOn(page))).toEqual([]);
		await context.close();
	});
});
