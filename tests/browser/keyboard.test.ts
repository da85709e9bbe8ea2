/**
 * Reading a lesson with the keyboard alone, in Chromium: the skip link takes focus to the lesson,
 * Tab walks through its section links to the next lesson with a visible focus ring on every stop,
 * a section link moves the reader (and the Tab order) to that section, and Enter on the last link
 * opens the next lesson.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lesson, Module } from '$lib/model/course';
import { loadCourse } from '$lib/server/content/load-course';
import { BrowserSession, openHydrated } from './harness';

const { course } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
/**
 * Each module's first and last lesson: the two kinds of onward link (the next lesson, back to the
 * module). Lessons in between are built by the same component and add time, not cases.
 */
const lessons = (course?.modules ?? []).flatMap((module) =>
	module.lessons
		.map((lesson, index) => ({
			path: `/${module.slug}/${lesson.slug}`,
			module,
			lesson,
			next: module.lessons[index + 1]
		}))
		.filter((_, index, all) => index === 0 || index === all.length - 1)
);

/** Far more Tab presses than any lesson has links: a walk that needs more is stuck in a loop. */
const MAX_TABS = 600;

/** What a sighted keyboard user perceives of the focused element. */
interface FocusStop {
	tag: string;
	id: string;
	text: string;
	href: string | null;
	rel: string | null;
	/** The accessible name of the navigation landmark holding it, if any. */
	nav: string | null;
	ring: boolean;
	inViewport: boolean;
}

async function focused(page: Page): Promise<FocusStop> {
	return page.evaluate(() => {
		// Map nodes are SVG elements: anything but the body counts as focused.
		const element = document.activeElement;
		if (!element || element === document.body) throw new Error('focus was lost to the page body');
		const style = getComputedStyle(element);
		const outline =
			style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)';
		// SVG shapes (the map's nodes) show focus by stroking a ring in the focus colour instead.
		const probe = document.body.appendChild(document.createElement('span'));
		probe.style.color = 'var(--focus)';
		const focusColour = getComputedStyle(probe).color;
		probe.remove();
		const svgRing =
			element instanceof SVGElement &&
			Array.from(element.querySelectorAll('*')).some((part) => getComputedStyle(part).stroke === focusColour);
		const rect = element.getBoundingClientRect();
		const nav = element.closest('nav');
		const labelledBy = nav?.getAttribute('aria-labelledby');
		return {
			tag: element.tagName.toLowerCase(),
			id: element.id,
			text: (element.textContent ?? '').replace(/\s+/g, ' ').trim(),
			href: element.getAttribute('href'),
			rel: element.getAttribute('rel'),
			nav: nav
				? (nav.getAttribute('aria-label') ??
					(labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
					null)
				: null,
			ring: outline || style.boxShadow !== 'none' || svgRing,
			inViewport: rect.bottom > 0 && rect.top < innerHeight && rect.right > 0 && rect.left < innerWidth
		};
	});
}

async function tab(page: Page, keys = 'Tab'): Promise<FocusStop> {
	await page.keyboard.press(keys);
	return focused(page);
}

/** Skip link first, then Enter: focus lands on the main content. */
async function skipToMain(page: Page): Promise<void> {
	const skip = await tab(page);
	expect(skip).toMatchObject({ tag: 'a', text: 'Skip to content', href: '#main', ring: true, inViewport: true });
	await page.keyboard.press('Enter');
	expect(await focused(page)).toMatchObject({ tag: 'main', id: 'main' });
}

/** Presses Tab until `done` says so, and returns every stop on the way. */
async function tabUntil(page: Page, done: (stop: FocusStop) => boolean): Promise<FocusStop[]> {
	const stops: FocusStop[] = [];
	for (let count = 0; count < MAX_TABS; count++) {
		const stop = await tab(page);
		stops.push(stop);
		if (done(stop)) return stops;
	}
	throw new Error(`${MAX_TABS} Tab presses did not reach the link; last stops: ${JSON.stringify(stops.slice(-3))}`);
}

/** Where the lesson's last link leads: the next lesson, or back to the module. */
function lastLink(module: Module, next: Lesson | undefined): { href: string; nav: string } {
	return { href: next ? `/${module.slug}/${next.slug}` : `/${module.slug}`, nav: 'Lessons' };
}

let browser: BrowserSession;
beforeAll(async () => {
	browser = await BrowserSession.start();
});
afterAll(async () => {
	await browser?.close();
});

describe('reading a lesson by keyboard', () => {
	it('has lessons to read', () => {
		expect(lessons.length).toBeGreaterThan(0);
	});

	describe.concurrent.each(lessons)('$path', ({ path, module, lesson, next }) => {
		it('Tab reaches every section link, then the next lesson, with a visible focus ring on every stop; Enter opens it', async ({
			expect
		}) => {
			const { page, context } = await browser.page();
			await openHydrated(page, path);
			await skipToMain(page);
			const target = lastLink(module, next);
			const stops = await tabUntil(page, (stop) => stop.href === target.href && stop.nav === target.nav);

			const sectionLinks = stops.filter((stop) => stop.nav === 'Sections').map((stop) => stop.href);
			expect(sectionLinks).toEqual([...lesson.sections.map((section) => `#${section.id}`), '#quiz']);
			const unseen = stops.filter((stop) => !stop.ring || !stop.inViewport);
			expect(
				unseen.map(
					(stop) =>
						`${stop.tag} "${stop.text.slice(0, 40)}" ${stop.href ?? ''}${stop.ring ? '' : ' no focus ring'}${stop.inViewport ? '' : ' off screen'}`
				)
			).toEqual([]);

			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.pathname === target.href);
			const heading = page.getByRole('heading', { level: 1 });
			await expect(heading.textContent()).resolves.toBe(next?.title ?? module.title);
			// After a client-side navigation the next Tab starts again at the top of the new page.
			expect(await tab(page)).toMatchObject({ text: 'Skip to content' });
			await context.close();
		});

		it('a section link takes the reader to that section, and Tab carries on from there', async ({ expect }) => {
			const { page, context } = await browser.page({ viewport: { width: 390, height: 844 } });
			await openHydrated(page, path);
			await skipToMain(page);
			const section = lesson.sections.at(-1);
			expect(section).toBeDefined();
			const link = await tabUntil(page, (stop) => stop.nav === 'Sections' && stop.href === `#${section?.id}`);
			expect(link.at(-1)?.ring).toBe(true);

			await page.keyboard.press('Enter');
			await page.waitForURL((url) => url.hash === `#${section?.id}`);
			await expect(page.locator(`#${section?.id} > h2`).isVisible()).resolves.toBe(true);
			const headingInView = await page.locator(`#${section?.id} > h2`).evaluate((heading) => {
				const rect = heading.getBoundingClientRect();
				return rect.top >= 0 && rect.bottom <= innerHeight;
			});
			expect(headingInView).toBe(true);

			const after = await tab(page);
			const fromSection = await page.evaluate((id) => {
				const sectionElement = document.getElementById(id);
				const active = document.activeElement;
				if (!sectionElement || !active) return false;
				return (
					sectionElement.contains(active) ||
					Boolean(sectionElement.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING)
				);
			}, section?.id ?? '');
			expect(fromSection, `focus went to ${JSON.stringify(after)}`).toBe(true);
			expect(after.ring).toBe(true);
			await context.close();
		});
	});
});
