/** What every browser test needs: the served app's address and a fresh page in Chromium. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from './chromium';

export function appUrl(path = '/'): string {
	return new URL(path, inject('baseUrl')).href;
}

export interface PageOptions {
	javaScriptEnabled?: boolean;
	viewport?: { width: number; height: number };
	reducedMotion?: 'reduce' | 'no-preference';
	colorScheme?: 'light' | 'dark';
}

export class BrowserSession {
	private constructor(private readonly browser: Browser) {}

	static async start(): Promise<BrowserSession> {
		return new BrowserSession(await launchChromium());
	}

	async context(options: PageOptions = {}): Promise<BrowserContext> {
		return this.browser.newContext({
			javaScriptEnabled: options.javaScriptEnabled ?? true,
			viewport: options.viewport ?? { width: 1280, height: 800 },
			reducedMotion: options.reducedMotion ?? 'no-preference',
			colorScheme: options.colorScheme ?? 'light'
		});
	}

	async page(options: PageOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
		const context = await this.context(options);
		const page = await context.newPage();
		return { page, context };
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}

/**
 * Opens a page with JavaScript and waits until the app has hydrated (the root layout marks it). A
 * page with `csr = false` ships no script and never hydrates: it is complete as served.
 */
export async function openHydrated(page: Page, path: string): Promise<void> {
	const response = await page.goto(appUrl(path));
	if (!response?.ok()) throw new Error(`${path} answered ${response?.status() ?? 'nothing'}`);
	if ((await page.locator('script').count()) === 0) return;
	await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}
