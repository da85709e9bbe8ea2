/**
 * How the content pipeline scales: loader validation time (median of 3, in process) and a cold
 * production build, for the real module and for synthetic modules of 10, 100 and 500 lessons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCourse } from '$lib/server/content/load-course.ts';
import { writeSyntheticModule, type SyntheticSize } from '../fixtures/synthetic-module.ts';
import { buildApp } from './app-build.ts';
import type { BenchContext } from './context.ts';
import { median, ms, printTable, seconds } from './report.ts';

const SYNTHETIC: SyntheticSize[] = [10, 100, 500].map((lessons) => ({ lessons, actors: 40, events: 60 }));
const RUNS = 3;

interface ScalingRow {
	module: string;
	lessons: number;
	actors: number;
	events: number;
	loaderMs: number;
	buildSeconds: number;
}

async function loaderMedian(lessonsDir: string): Promise<{ ms: number; size: SyntheticSize }> {
	const times: number[] = [];
	let size: SyntheticSize = { lessons: 0, actors: 0, events: 0 };
	for (let run = 0; run < RUNS; run++) {
		const started = performance.now();
		const { course, errors } = await loadCourse(lessonsDir);
		times.push(performance.now() - started);
		if (!course)
			throw new Error(
				`${lessonsDir} does not load: ${errors
					.slice(0, 3)
					.map((error) => error.message)
					.join('; ')}`
			);
		size = course.modules.reduce(
			(total, module) => ({
				lessons: total.lessons + module.lessons.length,
				actors: total.actors + module.actors.length,
				events: total.events + module.events.length
			}),
			{ lessons: 0, actors: 0, events: 0 }
		);
	}
	return { ms: median(times), size };
}

export async function measureScaling(context: BenchContext): Promise<void> {
	const real = await loaderMedian(context.lessonsDir);
	const rows: ScalingRow[] = [{ module: 'real', ...real.size, loaderMs: real.ms, buildSeconds: context.app.seconds }];
	for (const size of SYNTHETIC) {
		const lessonsDir = mkdtempSync(join(tmpdir(), 'backchannel-bench-lessons-'));
		try {
			writeSyntheticModule(lessonsDir, size);
			const loader = await loaderMedian(lessonsDir);
			const app = await buildApp(lessonsDir);
			app.remove();
			rows.push({
				module: `synthetic ${size.lessons}`,
				...loader.size,
				loaderMs: loader.ms,
				buildSeconds: app.seconds
			});
			console.log(`  built synthetic ${size.lessons}`);
		} finally {
			rmSync(lessonsDir, { recursive: true, force: true });
		}
	}
	context.record('scaling', rows);
	printTable(
		'Content pipeline: loader validation (median of 3) and cold production build (vite build, prerendering every page)',
		['module', 'lessons', 'actors', 'events', 'loader', 'build'],
		rows.map((row) => [
			row.module,
			String(row.lessons),
			String(row.actors),
			String(row.events),
			ms(row.loaderMs),
			seconds(row.buildSeconds)
		])
	);
}
