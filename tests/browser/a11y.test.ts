/**
 * Every page the crawl finds, checked by axe-core in Chromium against WCAG 2.2 A and AA, in the
 * light and dark colour schemes, on a phone and a laptop screen: zero violations. The crawl
 * itself is checked first, so a page missing from it cannot escape the check silently.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCourse } from '$lib/server/content/load-course';
import { crawlRoutes } from './crawl';
import { appUrl, BrowserSession, openHydrated } from './harness';
import { COLOR_SCHEMES, VIEWPORTS, type ViewportName } from './screens';

declare global {
	interface Window {
		axe: typeof axe;
	}
}

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
	rule: string;
	impact: string;
	help: string;
	nodes: { target: string; summary: string }[];
}

const { course } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
const browser = await BrowserSession.start();
const crawlContext = await browser.context();
const crawl = await crawlRoutes(crawlContext, appUrl('/'));
await crawlContext.close();
afterAll(async () => {
	await browser.close();
});

async function violationsOn(page: Page): Promise<Violation[]> {
	await page.addScriptTag({ content: axe.source });
	return page.evaluate(async (tags) => {
		const results = await window.axe.run(document, {
			runOnly: { type: 'tag', values: tags },
			resultTypes: ['violations']
		});
		return results.violations.map((violation) => ({
			rule: violation.id,
			impact: violation.impact ?? 'unknown',
			help: violation.help,
			nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' }))
		}));
	}, WCAG_22_AA);
}

/** One line per offending element, readable in the test output: rule, impact, where, what to fix. */
function describeViolations(violations: Violation[]): string[] {
	return violations.flatMap((violation) =>
		violation.nodes.map(
			(node) =>
				`${violation.rule} (${violation.impact}) at ${node.target}: ${violation.help}. ${node.summary.replace(/\s+/g, ' ')}`
		)
	);
}

describe('the checker', () => {
	it('reports what it should: a faint text and a button without a name', async () => {
		const { page, context } = await browser.page();
		await page.setContent(
			'<html lang="en"><title>Canary</title><main><h1>Test</h1><p style="color:#999;background:#aaa">faint</p><button></button></main></html>'
		);
		const lines = describeViolations(await violationsOn(page));
		expect(lines).toEqual([
			expect.stringMatching(/^button-name \(critical\) at button: /),
			expect.stringMatching(/^color-contrast \(serious\) at p: /)
		]);
		await context.close();
	});
});

describe('route discovery', () => {
	it('finds the catalogue, every module overview and every lesson by following links', () => {
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

	it('finds no broken links and visits every page within its limit', () => {
		expect(crawl.broken).toEqual([]);
		expect(crawl.truncated).toBe(false);
	});
});

const cases = crawl.routes.flatMap((path) =>
	COLOR_SCHEMES.flatMap((scheme) =>
		(Object.keys(VIEWPORTS) as ViewportName[]).map((viewport) => ({ path, scheme, viewport }))
	)
);

describe.concurrent('axe-core, WCAG 2.2 A and AA', () => {
	it.for(cases)('$path in $scheme at $viewport has no violations', async ({ path, scheme, viewport }, { expect }) => {
		const { page, context } = await browser.page({ colorScheme: scheme, viewport: VIEWPORTS[viewport] });
		await openHydrated(page, path);
		expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
		expect(describeViolations(await violationsOn(page))).toEqual([]);
		await context.close();
	});

	it.for(COLOR_SCHEMES)('the not-found page in %s has no violations', async (scheme, { expect }) => {
		const { page, context } = await browser.page({ colorScheme: scheme });
		const response = await page.goto(appUrl('/no-such-module'));
		expect(response?.status()).toBe(404);
		expect(describeViolations(await violationsOn(page))).toEqual([]);
		await context.close();
	});
});
