/**
 * A full-page screenshot of every page the crawl finds, on a phone and a laptop, in light and
 * dark, saved to the git-ignored `screenshots/` folder for a person to look at. Each page is also
 * checked for what a screenshot would show at a glance: nothing wider than the screen.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';
import { crawlRoutes } from './crawl';
import { appUrl, BrowserSession, openHydrated } from './harness';
import { COLOR_SCHEMES, VIEWPORTS, type ViewportName } from './screens';

const SCREENSHOTS = fileURLToPath(new URL('../../screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

const browser = await BrowserSession.start();
const crawlContext = await browser.context();
const { routes } = await crawlRoutes(crawlContext, appUrl('/'));
await crawlContext.close();
afterAll(async () => {
	await browser.close();
});

/** `/witkoff-leak/calls` -> `witkoff-leak_calls`; the catalogue is `index`. */
function fileName(path: string, viewport: ViewportName, scheme: string): string {
	const name = path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9-]+/gi, '_') || 'index';
	return `${name}@${viewport}-${scheme}.png`;
}

const cases = routes.flatMap((path) =>
	COLOR_SCHEMES.flatMap((scheme) =>
		(Object.keys(VIEWPORTS) as ViewportName[]).map((viewport) => ({ path, scheme, viewport }))
	)
);

describe.concurrent('screenshots', () => {
	it.for(cases)(
		'$path in $scheme at $viewport fits the screen and is saved',
		async ({ path, scheme, viewport }, { expect }) => {
			const { page, context } = await browser.page({ colorScheme: scheme, viewport: VIEWPORTS[viewport] });
			await openHydrated(page, path);
			// The page must not scroll sideways; a wide table may, inside its own scrolling box.
			const layout = await page.evaluate(() => {
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
			expect(layout.scrollWidth, `wider than the screen: ${layout.culprits.join(', ')}`).toBeLessThanOrEqual(
				layout.width
			);
			const image = await page.screenshot({
				path: `${SCREENSHOTS}${fileName(path, viewport, scheme)}`,
				fullPage: true,
				animations: 'disabled'
			});
			expect(image.byteLength).toBeGreaterThan(1000);
			await context.close();
		}
	);
});
