/**
 * The module overview and the sources page as prerendered, read without JavaScript: the overview
 * says how recent the reporting is, and source lists tell a reader where each source comes from in
 * words, never by the trace file that only authors and checks use. The people and sources pages
 * have nothing interactive and ship no JavaScript (`csr = false`), yet a reader who arrives on one
 * from a hydrated page still gets it whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '$lib/format-date';
import { loadCourse } from '$lib/server/content/load-course';
import { appUrl, BrowserSession, openHydrated } from './harness';

// Every module the build serves (global-setup's folder), not only the project's own.
const { course } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
const modules = course?.modules ?? [];

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe.each(modules.map((module): [string, (typeof modules)[number]] => [module.slug, module]))(
	'%s without JavaScript',
	(slug, module) => {
		it('shows the date the reporting ends on the overview', async () => {
			const { page, context } = await browser.page({ javaScriptEnabled: false });
			await page.goto(appUrl(`/${slug}`));
			const text = (await page.locator('main').textContent()) ?? '';
			if (module.asOf) expect(text).toContain(`As of ${formatDate(module.asOf)}.`);
			else expect(text).not.toContain('As of');
			await context.close();
		});

		it('lists every source with its note and no trace file', async () => {
			const { page, context } = await browser.page({ javaScriptEnabled: false });
			await page.goto(appUrl(`/${slug}/sources`));
			const text = (await page.locator('main').textContent()) ?? '';
			for (const source of module.sources) {
				expect(text).not.toContain(source.trace);
				if (source.note) expect(text).toContain(source.note.slice(0, 40));
			}
			expect(text).not.toContain('Traced to');
			await context.close();
		});

		it('the people and sources pages ship no script; the people page has every actor’s card', async () => {
			for (const path of ['people', 'sources']) {
				const html = await (await fetch(appUrl(`/${slug}/${path}`))).text();
				expect(html, path).not.toContain('<script');
			}
			const { page, context } = await browser.page({ javaScriptEnabled: false });
			await page.goto(appUrl(`/${slug}/people`));
			const ids = await page.locator('main .card-target').evaluateAll((cards) => cards.map((card) => card.id));
			expect(ids.sort()).toEqual(module.actors.map((actor) => actor.id).sort());
			await context.close();
		});

		it('reached from a hydrated page, the people page arrives with its cards', async () => {
			const { page, context } = await browser.page();
			await openHydrated(page, `/${slug}`);
			await page.locator(`main a[href="/${slug}/people"]`).first().click();
			await page.waitForURL(appUrl(`/${slug}/people`));
			await expect(page.locator('main .card-target').count()).resolves.toBe(module.actors.length);
			await context.close();
		});
	}
);
