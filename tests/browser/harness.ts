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
}

export class BrowserSession {
	private constructor(private readonly browser: Browser) {}

	static async start(): Promise<BrowserSession> {
		return new BrowserSession(await launchChromium());
	}

	async page(options: PageOptions = {}): Promise<{ page: Page; context: BrowserContext }> {
		const context = await this.browser.newContext({
			javaScriptEnabled: options.javaScriptEnabled ?? true,
			viewport: options.viewport ?? { width: 1280, height: 800 },
			reducedMotion: options.reducedMotion ?? 'no-preference'
		});
		const page = await context.newPage();
		return { page, context };
	}

	async close(): Promise<void> {
		await this.browser.close();
	}
}
