/**
 * Finds every page of the served app as a visitor would: from the catalogue, following
 * same-origin links (fragments stripped, each page once, up to a limit), plus the pages only a
 * form leads to. The accessibility and screenshot suites and the benchmark all cover what this
 * finds, so a route that lands later is covered without touching them.
 */
import type { BrowserContext } from 'playwright-core';

/**
 * A page no link leads to: a path, or a function that prepares what the page needs (an assignment
 * created through its form, say) and returns the paths to visit.
 */
export type FormRoute = string | ((baseUrl: string) => Promise<string[]>);

/** Pages reached by submitting a form rather than following a link. Add entry points here. */
export const ROUTES_REACHED_BY_FORMS: FormRoute[] = [];

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
	formRoutes?: FormRoute[];
}

async function seeds(baseUrl: string, formRoutes: FormRoute[]): Promise<string[]> {
	const paths = ['/'];
	for (const route of formRoutes) paths.push(...(typeof route === 'string' ? [route] : await route(baseUrl)));
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
export async function crawlRoutes(context: BrowserContext, baseUrl: string, options: CrawlOptions = {}): Promise<CrawlResult> {
	const limit = options.limit ?? 300;
	const origin = new URL(baseUrl).origin;
	const queue = (await seeds(baseUrl, options.formRoutes ?? ROUTES_REACHED_BY_FORMS)).map((path) => ({ path, linkedFrom: '(start)' }));
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
						new DOMParser().parseFromString(html, 'text/html').querySelectorAll('a[href]:not([download]), area[href]:not([download])'),
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
