/**
 * Every route the crawl finds, measured: bytes loaded on open, Lighthouse (median of 3) and, at
 * 4× CPU, time to hydrated and long-task blocking (median of 5). One table, then the budgets.
 */
import { crawlRoutes } from '../browser/crawl.ts';
import { loadCourse } from '$lib/server/content/load-course.ts';
import { checkRouteBudgets, type BudgetMiss, type RouteFigures } from './budgets.ts';
import type { BenchContext } from './context.ts';
import { lighthouseMedian } from './lighthouse-runs.ts';
import { measurePageWeight, measureUnderSlowCpu } from './page-metrics.ts';
import { kB, median, ms, printTable } from './report.ts';

/** Lighthouse's runs: each starts a browser and takes about ten seconds. */
const LIGHTHOUSE_RUNS = 3;
/** In-page runs at 4× CPU are cheap, and noisier on a shared machine: take more. */
const CPU_RUNS = 5;

async function lessonPaths(lessonsDir: string): Promise<Set<string>> {
	const { course, errors } = await loadCourse(lessonsDir);
	if (!course) throw new Error(`the lessons do not load: ${errors.length} errors (run npm run lessons:check)`);
	return new Set(course.modules.flatMap((module) => module.lessons.map((lesson) => `/${module.slug}/${lesson.slug}`)));
}

async function discover(context: BenchContext): Promise<string[]> {
	const crawlContext = await context.browser.newContext();
	try {
		const crawl = await crawlRoutes(crawlContext, context.baseUrl);
		if (crawl.broken.length > 0) throw new Error(`broken links: ${JSON.stringify(crawl.broken)}`);
		if (crawl.truncated) throw new Error('the crawl stopped at its limit; raise it in crawl.ts');
		return crawl.routes;
	} finally {
		await crawlContext.close();
	}
}

/** The runs' median time to hydrated; none for a page that ships no JavaScript. */
function hydratedMedian(runs: { hydrated: number | undefined }[]): number | undefined {
	const times = runs.flatMap((run) => (run.hydrated === undefined ? [] : [run.hydrated]));
	return times.length === 0 ? undefined : median(times);
}

export async function measureRoutes(context: BenchContext): Promise<BudgetMiss[]> {
	const lessons = await lessonPaths(context.lessonsDir);
	const routes = await discover(context);
	const figures: RouteFigures[] = [];
	for (const path of routes) {
		const url = new URL(path, context.baseUrl).href;
		const weight = await measurePageWeight(context.browser, url);
		const cpu = [];
		for (let run = 0; run < CPU_RUNS; run++) cpu.push(await measureUnderSlowCpu(context.browser, url));
		const lighthouse = await lighthouseMedian(url, LIGHTHOUSE_RUNS);
		figures.push({
			path,
			isLesson: lessons.has(path),
			jsGzip: weight.jsGzip,
			cssGzip: weight.cssGzip,
			transfer: weight.transfer,
			lighthouse: lighthouse.score,
			lcp: lighthouse.lcp,
			tbt: lighthouse.tbt,
			hydrated: hydratedMedian(cpu),
			blocking: median(cpu.map((run) => run.blocking))
		});
		console.log(`  measured ${path}`);
	}
	context.record('routes', figures);
	printTable(
		'Routes: bytes on open; Lighthouse (mobile, simulated slow 4G), median of 3; 4× CPU via CDP, median of 5',
		[
			'route',
			'lesson',
			'JS gzip',
			'CSS gzip',
			'transfer',
			'LH perf',
			'LH LCP',
			'LH TBT',
			'hydrated @4×',
			'long tasks @4×'
		],
		figures.map((route) => [
			route.path,
			route.isLesson ? 'yes' : '',
			kB(route.jsGzip),
			kB(route.cssGzip),
			kB(route.transfer),
			String(route.lighthouse),
			ms(route.lcp),
			ms(route.tbt),
			route.hydrated === undefined ? 'no JS' : ms(route.hydrated),
			ms(route.blocking)
		])
	);
	return checkRouteBudgets(figures);
}
