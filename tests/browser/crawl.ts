/**
 * Finds every page of the served app as a visitor would: from the catalogue, following
 * same-origin links (fragments stripped, each page once, up to a limit), plus the pages only a
 * form or a learner's progress leads to. The accessibility and screenshot suites and the benchmark all cover what this
 * finds, so a route that lands later is covered without touching them.
 */
import type { BrowserContext } from 'playwright-core';
import type { Module } from '$lib/model/course.ts';
import { loadCourse } from '$lib/server/content/load-course.ts';

/**
 * A page no link in the server's HTML leads to: a path, or a function that prepares what the page
 * needs (an assignment created through its form, say) and returns the paths to visit.
 */
export type UnlinkedRoute = string | ((baseUrl: string) => Promise<string[]>);

async function courseModules(): Promise<Module[]> {
	const { course, errors } = await loadCourse(process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons');
	if (!course) throw new Error(`the lessons do not load (${errors.length} errors): run npm run lessons:check`);
	return course.modules;
}

/** Each module's review of missed questions: linked only once a learner has missed one. */
async function reviewPages(): Promise<string[]> {
	return (await courseModules()).map((module) => `/${module.slug}/review`);
}

/**
 * A teacher's dashboard, whose secret key is in its address: an assignment of the first lesson,
 * made through the teacher's form as a browser without JavaScript would post it.
 */
async function teacherDashboard(baseUrl: string): Promise<string[]> {
	const [module] = await courseModules();
	const lesson = module?.lessons[0];
	if (!module || !lesson) throw new Error('no lesson to assign');
	const form = new URLSearchParams({
		title: 'Every page checked',
		lessons: `${module.slug}/${lesson.slug}`,
		due: '',
		tzOffset: '0',
		passMark: '80',
		tries: '2',
		reveal: 'immediate',
		mode: 'practice'
	});
	const response = await fetch(new URL('/teach?/create', baseUrl), {
		method: 'POST',
		body: form,
		redirect: 'manual',
		headers: { origin: new URL(baseUrl).origin, accept: 'text/html' }
	});
	const location = response.headers.get('location');
	if (response.status !== 303 || !location) {
		throw new Error(
			`creating an assignment through /teach answered ${response.status}: ${(await response.text()).slice(0, 300)}`
		);
	}
	return [new URL(location, baseUrl).pathname];
}

/** Pages reached by a form or by a learner's progress rather than by a link. Add entry points here. */
export const UNLINKED_ROUTES: UnlinkedRoute[] = [reviewPages, teacherDashboard];

export interface BrokenLink {
	path: string;
	status: number;
	linkedFrom: string;
}

export interface CrawlResult {
	/** Same-origin HTML pages that answered 2xx, as path and query, in the order found. */
	routes: string[];
	broken: BrokenLink[];
	/** True when the crawl stopped at the limit with pages left to visit. */
	truncated: boolean;
}

export interface CrawlOptions {
	limit?: number;
	unlinked?: UnlinkedRoute[];
}

async function seeds(baseUrl: string, unlinked: UnlinkedRoute[]): Promise<string[]> {
	const paths = ['/'];
	for (const route of unlinked) paths.push(...(typeof route === 'string' ? [route] : await route(baseUrl)));
	return paths;
}

/** The link's path and query when it stays on the app's origin, without its fragment. */
function samePagePath(href: string, origin: string): string | undefined {
	const url = new URL(href);
	if (url.origin !== origin) return undefined;
	return url.pathname + url.search;
}

/**
 * Requests go through the context, so they carry its cookies (a student's session, say); links
 * are read by Chromium's own HTML parser in a blank page of the same context.
 */
export async function crawlRoutes(
	context: BrowserContext,
	baseUrl: string,
	options: CrawlOptions = {}
): Promise<CrawlResult> {
	const limit = options.limit ?? 300;
	const origin = new URL(baseUrl).origin;
	const queue = (await seeds(baseUrl, options.unlinked ?? UNLINKED_ROUTES)).map((path) => ({
		path,
		linkedFrom: '(start)'
	}));
	const queued = new Set(queue.map((entry) => entry.path));
	const routes: string[] = [];
	const broken: BrokenLink[] = [];
	const parser = await context.newPage();
	let visited = 0;

	try {
		for (let entry = queue.shift(); entry; entry = queue.shift()) {
			if (visited === limit) return { routes, broken, truncated: true };
			visited++;
			const url = new URL(entry.path, origin).href;
			const response = await context.request.get(url);
			if (!response.ok()) {
				broken.push({ path: entry.path, status: response.status(), linkedFrom: entry.linkedFrom });
				continue;
			}
			if (!(response.headers()['content-type'] ?? '').startsWith('text/html')) continue;
			routes.push(entry.path);
			const hrefs = await parser.evaluate(
				({ html, base }) =>
					Array.from(
						new DOMParser()
							.parseFromString(html, 'text/html')
							.querySelectorAll('a[href]:not([download]), area[href]:not([download])'),
						(link) => new URL(link.getAttribute('href') ?? '', base).href
					),
				{ html: await response.text(), base: response.url() }
			);
			for (const href of hrefs) {
				const path = samePagePath(href, origin);
				if (path === undefined || queued.has(path)) continue;
				queued.add(path);
				queue.push({ path, linkedFrom: entry.path });
			}
		}
		return { routes, broken, truncated: false };
	} finally {
		await parser.close();
	}
}
