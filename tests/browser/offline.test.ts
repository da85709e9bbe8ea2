/**
 * Offline (issue 17, item 12): once a learner has opened the module, its other lessons and its
 * map open without a connection, from the service worker's cache, and the page says it is
 * offline. Classroom pages are never cached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { everyTypeModule } from '../lib/server/export/every-type-module';
import { appUrl, BrowserSession, openHydrated } from './harness';

// The every-type fixture module, built into the app beside the real one (see global-setup.ts).
const module = await everyTypeModule();

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe('offline', () => {
	it('opens another lesson and the map without a connection once the module was opened', async () => {
		const [first, second] = module?.lessons ?? [];
		if (!module || !first || !second) throw new Error('a module with two lessons is needed');
		const { page, context } = await browser.page();
		await openHydrated(page, `/${module.slug}/${first.slug}`);
		// The worker installs, takes the page, and caches the module's pages as the page asks for one.
		await page.evaluate(() => navigator.serviceWorker.ready);
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		await page.reload();
		await page.waitForFunction(
			async (paths) => {
				const found = await Promise.all(paths.map((path) => caches.match(path)));
				return found.every(Boolean);
			},
			[`/${module.slug}/${second.slug}`, `/${module.slug}/map`],
			{ timeout: 30_000 }
		);
		const cachedClassroom = await page.evaluate(async () =>
			(await Promise.all(['/teach', '/join'].map((path) => caches.match(path)))).some(Boolean)
		);
		expect(cachedClassroom).toBe(false);

		await context.setOffline(true);
		// Chromium's offline emulation does not reach the service worker's own fetches: refuse them too.
		await context.route('**/*', (route) => route.abort('internetdisconnected'));
		await page.goto(appUrl(`/${module.slug}/${second.slug}`));
		expect(await page.locator('h1').first().textContent()).toContain(second.title);
		await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
		await page.getByRole('status').filter({ hasText: 'You are offline' }).waitFor({ timeout: 5_000 });
		await page.goto(appUrl(`/${module.slug}/map`));
		expect(await page.locator('main svg [data-actor]').count()).toBe(module.actors.length);
		await context.close();
	});
});
