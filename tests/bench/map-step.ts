/**
 * The network map's frame times while a learner pans it with the mouse, for synthetic modules of
 * 40 and 1,000 actors, each built and served on its own. Frames are timed in the page with
 * requestAnimationFrame (the interval between frames Chromium actually produced); a frame that
 * takes more than one and a half 60 Hz intervals is counted as dropped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeSyntheticModule } from '../fixtures/synthetic-module.ts';
import { buildApp, serveApp } from './app-build.ts';
import type { BenchContext } from './context.ts';
import { median, printTable } from './report.ts';

const ACTORS = [40, 1000];
/** Pointer moves in one pan: about two seconds of dragging. */
const MOVES = 120;
const FRAME = 1000 / 60;
const frameMs = (value: number) => `${value.toFixed(1)} ms`;

interface FrameFigures {
	actors: number;
	frames: number;
	median: number;
	p95: number;
	worst: number;
	dropped: number;
}

declare global {
	interface Window {
		__frames?: { intervals: number[]; running: boolean };
	}
}

/**
 * Records the interval between consecutive animation frames into `window.__frames`. A string,
 * not a function: tsx compiles named functions with a helper (`__name`) the page does not have.
 */
const FRAME_RECORDER = `{
	const record = { intervals: [], running: true };
	let last = performance.now();
	const tick = (now) => {
		record.intervals.push(now - last);
		last = now;
		if (record.running) requestAnimationFrame(tick);
	};
	window.__frames = record;
	requestAnimationFrame(tick);
}`;

function percentile(values: number[], share: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function panAndTime(page: Page): Promise<number[]> {
	const map = page.locator('main svg:has(g.drawing)').first();
	const drawing = map.locator('g.drawing');
	// d3-zoom loads on first use: let the zoom button load it, so the timed pan starts ready.
	await page.getByRole('button', { name: 'Zoom in' }).first().click();
	await page.waitForFunction(() =>
		document.querySelector('main g.drawing')?.getAttribute('transform')?.includes('scale(1.5)')
	);
	await map.evaluate((element) => element.scrollIntoView({ block: 'center' }));
	const box = await map.boundingBox();
	if (!box) throw new Error('the map is not on the page');
	const viewport = page.viewportSize();
	const x = box.x + box.width / 2;
	// The middle of the map's visible part, with room for the pan's circle below it.
	const top = Math.max(box.y, 0);
	const bottom = Math.min(box.y + box.height, viewport?.height ?? 800);
	const y = top + (bottom - top) / 2 - 80;
	const before = await drawing.getAttribute('transform');

	await page.mouse.move(x, y);
	await page.evaluate(FRAME_RECORDER);
	await page.mouse.down();
	// Round a circle and back to the start, as a learner looking around would.
	let halfway: string | null = before;
	for (let move = 1; move <= MOVES; move++) {
		const angle = (move / MOVES) * 2 * Math.PI;
		await page.mouse.move(x + 150 * Math.sin(angle), y + 80 * (1 - Math.cos(angle)));
		if (move === MOVES / 2) halfway = await drawing.getAttribute('transform');
	}
	await page.mouse.up();
	const intervals = await page.evaluate(() => {
		const record = window.__frames;
		if (!record) throw new Error('the frame recorder is not running');
		record.running = false;
		return record.intervals.slice(1);
	});
	if (halfway === before) throw new Error('the map did not move while dragged');
	return intervals;
}

async function measure(browser: Browser, actors: number): Promise<FrameFigures> {
	const lessonsDir = mkdtempSync(join(tmpdir(), 'backchannel-bench-map-'));
	writeSyntheticModule(lessonsDir, { lessons: 4, actors, events: Math.round(actors * 1.5) });
	const app = await buildApp(lessonsDir);
	const served = await serveApp(app);
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	try {
		const page = await context.newPage();
		await page.goto(new URL('/synthetic/map', served.baseUrl).href);
		await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
		const intervals = await panAndTime(page);
		return {
			actors,
			frames: intervals.length,
			median: median(intervals),
			p95: percentile(intervals, 0.95),
			worst: Math.max(...intervals),
			dropped: intervals.filter((interval) => interval > 1.5 * FRAME).length
		};
	} finally {
		await context.close();
		await served.stop();
		app.remove();
		rmSync(lessonsDir, { recursive: true, force: true });
	}
}

export async function measureMapFrames(context: BenchContext): Promise<void> {
	const rows: FrameFigures[] = [];
	for (const actors of ACTORS) {
		rows.push(await measure(context.browser, actors));
		console.log(`  panned the map of ${actors} actors`);
	}
	context.record('map', rows);
	printTable(
		`Map frame times while panning with the mouse (${MOVES} moves, 1280×800, no CPU throttling); dropped = frames over ${frameMs(1.5 * FRAME)}`,
		['actors', 'frames', 'median', 'p95', 'worst', 'dropped'],
		rows.map((row) => [
			String(row.actors),
			String(row.frames),
			frameMs(row.median),
			frameMs(row.p95),
			frameMs(row.worst),
			String(row.dropped)
		])
	);
}
