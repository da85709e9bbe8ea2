/**
 * The prerendered markup of a lesson page (StaticHtml, see $lib/static-html.ts) as SvelteKit
 * really serves it, not a hand-written copy of its format: a lesson of the fixture module
 * (`every-type`, which global-setup.ts adds to the build) fetched from the production server.
 * Each part is in the page's HTML exactly once, the page's serialized data holds the `[null]`
 * placeholder in its place, the page's `__data.json` (what a navigation inside the app fetches)
 * still carries it in full, and the page hydrates with every part still there.
 * tests/lib/server/pages/static-html-once.test.ts covers the transform's edge cases cheaply.
 */
import { unflatten } from 'devalue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeStaticHtml, STATIC_HTML, StaticHtml } from '$lib/static-html';
import { appUrl, BrowserSession, openHydrated } from './harness';

const LESSON = '/every-type/the-call';

/** One StaticHtml of the page's data, with where it sits (`figure.html`, `static.sections`...). */
interface Part {
	path: string;
	html: string;
}

function staticParts(value: unknown, path: string[] = []): Part[] {
	if (value instanceof StaticHtml) return [{ path: path.join('.'), html: value.html }];
	if (typeof value !== 'object' || value === null) return [];
	return Object.entries(value).flatMap(([key, child]) => staticParts(child, [...path, key]));
}

/**
 * The page node's data as the app's client reads it: SvelteKit writes each node of `__data.json`
 * with devalue and revives transported types with the decoders of src/hooks.ts.
 */
async function pageData(path: string): Promise<unknown> {
	const response = await fetch(appUrl(`${path}/__data.json`));
	expect(response.status).toBe(200);
	const body = (await response.json()) as { type: string; nodes: ({ type: string; data: unknown } | null)[] };
	expect(body.type).toBe('data');
	const node = body.nodes.at(-1);
	if (node?.type !== 'data') throw new Error(`${path}/__data.json has no page data: ${JSON.stringify(body)}`);
	return unflatten(node.data as number | unknown[], { [STATIC_HTML]: decodeStaticHtml });
}

function occurrences(text: string, part: string): number {
	return text.split(part).length - 1;
}

let browser: BrowserSession;
let html: string;
let parts: Part[];
beforeAll(async () => {
	browser = await BrowserSession.start();
	const response = await fetch(appUrl(LESSON));
	expect(response.status).toBe(200);
	html = await response.text();
	parts = staticParts(await pageData(LESSON)).filter((part) => part.html !== '');
});
afterAll(async () => {
	await browser?.close();
});

describe('a lesson page’s prerendered markup, as SvelteKit serves it', () => {
	it('comes in full in __data.json: the map and the lesson’s text among it', () => {
		const paths = parts.map((part) => part.path);
		expect(paths).toEqual(expect.arrayContaining(['figure.html', 'figure.styles', 'static.sections']));
		expect(parts.find((part) => part.path === 'figure.html')?.html).toContain('data-actor=');
		expect(parts.find((part) => part.path === 'static.sections')?.html).toContain('<h2');
	});

	it('is in the page’s HTML exactly once, its serialized copy the [null] placeholder', () => {
		const counts = parts.map((part) => ({ path: part.path, count: occurrences(html, part.html) }));
		expect(counts).toEqual(parts.map((part) => ({ path: part.path, count: 1 })));
		expect(occurrences(html, `.decode('${STATIC_HTML}', [null])`)).toBe(parts.length);
		// No markup left in the serialized data: every StaticHtml is either empty or the placeholder.
		expect(html.match(new RegExp(`\\.decode\\('${STATIC_HTML}', \\["[^"]`, 'g'))).toBeNull();
	});

	it('hydrates without errors, keeping every part the server rendered', async () => {
		const { page, context } = await browser.page();
		const problems: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') problems.push(message.text());
		});
		page.on('pageerror', (error) => problems.push(error.message));
		await openHydrated(page, LESSON);
		const ids = parts.flatMap((part) => [...part.html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1] ?? ''));
		const { checked, missing } = await page.evaluate(
			({ served, wanted }) => {
				// Parsed as served, with scripting off: what sits in a <noscript> (the quiz preview) is
				// not in the live page, where scripts run.
				const parsed = new DOMParser().parseFromString(served, 'text/html');
				const selector = (id: string) => `[id="${CSS.escape(id)}"]`;
				const live = wanted.filter((id) => !parsed.querySelector(selector(id))?.closest('noscript'));
				return {
					checked: live.length,
					missing: live.filter((id) => document.querySelectorAll(selector(id)).length !== 1)
				};
			},
			{ served: html, wanted: ids }
		);
		expect(checked).toBeGreaterThan(parts.length);
		expect(missing).toEqual([]);
		expect(problems).toEqual([]);
		await context.close();
	});
});
