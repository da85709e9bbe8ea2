/**
 * What one page costs a visitor, measured in Chromium: the bytes it loads on open (from the
 * DevTools protocol's network events), and, on a CPU slowed four times, how long until it is
 * hydrated and how long the main thread was blocked by long tasks.
 */
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

export interface PageWeight {
	/** Every script and stylesheet the page loaded, gzipped at level 9 as a server would send them. */
	jsGzip: number;
	/** Stylesheets requested plus the styles inlined in the HTML (kit.inlineStyleThreshold). */
	cssGzip: number;
	/** Bytes on the wire, headers included, with the encoding Chromium negotiated (brotli here). */
	transfer: number;
	requests: number;
}

export interface CpuFigures {
	/**
	 * Milliseconds from navigation start until the root layout marked the page hydrated; undefined
	 * for a page that ships no JavaScript (`csr = false`): there is nothing to hydrate.
	 */
	hydrated: number | undefined;
	/**
	 * Total blocking time as web.dev and Lighthouse define it: over the long tasks after the first
	 * contentful paint (a task running across it counted from it), the sum of their time over 50 ms.
	 * Before the first paint there is nothing to interact with; the task that lays out and paints
	 * the page (about 40 ms at 4× here, much of it setting up system fonts) is not blocking anyone.
	 */
	blocking: number;
}

/** Whether the page ships any script: a `csr = false` page has none, and never hydrates. */
const shipsScript = (page: Page) => page.evaluate(() => document.querySelector('script') !== null);

/**
 * The page is settled once the app has hydrated (if it ships JavaScript) and the network has been
 * quiet for 500 ms.
 */
async function settle(page: Page): Promise<void> {
	if (await shipsScript(page)) await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
	await page.waitForLoadState('networkidle');
}

export async function measurePageWeight(browser: Browser, url: string): Promise<PageWeight> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		const mimeTypes = new Map<string, string>();
		const encodedLengths = new Map<string, number>();
		cdp.on('Network.responseReceived', (event) => mimeTypes.set(event.requestId, event.response.mimeType));
		cdp.on('Network.loadingFinished', (event) => encodedLengths.set(event.requestId, event.encodedDataLength));
		const response = await page.goto(url);
		if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
		await settle(page);

		const gzipped = (text: Buffer) => gzipSync(text, { level: 9 }).byteLength;
		const inlineStyles = await page.evaluate(() =>
			Array.from(document.querySelectorAll('style'), (style) => style.textContent).join('\n')
		);
		const weight: PageWeight = {
			jsGzip: 0,
			cssGzip: inlineStyles ? gzipped(Buffer.from(inlineStyles)) : 0,
			transfer: 0,
			requests: encodedLengths.size
		};
		for (const [requestId, encoded] of encodedLengths) {
			weight.transfer += encoded;
			const mimeType = mimeTypes.get(requestId) ?? '';
			const kind = mimeType.includes('javascript') ? 'jsGzip' : mimeType.includes('css') ? 'cssGzip' : undefined;
			if (!kind) continue;
			const { body, base64Encoded } = await cdp.send('Network.getResponseBody', { requestId });
			weight[kind] += gzipped(Buffer.from(body, base64Encoded ? 'base64' : 'utf8'));
		}
		return weight;
	} finally {
		await context.close();
	}
}

declare global {
	interface Window {
		__bench: { hydratedAt?: number; longTasks: { start: number; duration: number }[] };
	}
}

/** Runs in the page before any of its own scripts, so no long task or the hydration mark is missed. */
function installProbe(): void {
	const probe: Window['__bench'] = { longTasks: [] };
	window.__bench = probe;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	new MutationObserver(() => {
		if (probe.hydratedAt === undefined && document.documentElement.dataset.hydrated === 'true')
			probe.hydratedAt = performance.now();
	}).observe(document, { attributes: true, attributeFilter: ['data-hydrated'], subtree: true });
}

/** Each long task's time over 50 ms, counting only what runs after `firstPaint`. */
export function blockingAfter(firstPaint: number, tasks: readonly { start: number; duration: number }[]): number {
	return tasks.reduce((sum, task) => {
		const end = task.start + task.duration;
		const counted = end - Math.max(task.start, firstPaint);
		return sum + Math.max(0, counted - 50);
	}, 0);
}

export async function measureUnderSlowCpu(browser: Browser, url: string, rate = 4): Promise<CpuFigures> {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	try {
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		await page.addInitScript(installProbe);
		const response = await page.goto(url);
		if (!response?.ok()) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
		await settle(page);
		const probe = await page.evaluate(() => window.__bench);
		if (probe.hydratedAt === undefined && (await shipsScript(page)))
			throw new Error(`${url}: the hydration mark was set before the probe could see it`);
		const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime);
		if (firstPaint === undefined) throw new Error(`${url}: no first contentful paint was recorded`);
		return { hydrated: probe.hydratedAt, blocking: blockingAfter(firstPaint, probe.longTasks) };
	} finally {
		await context.close();
	}
}
