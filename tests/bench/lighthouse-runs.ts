/**
 * Lighthouse's performance category for one URL, run through its CLI with Debian's Chromium and
 * this project's Chromium flags, with Lighthouse's defaults otherwise (mobile, simulated slow 4G
 * and 4× CPU). Each run starts a fresh browser; the median of the runs is reported.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../browser/chromium.ts';
import { PROJECT_ROOT } from './app-build.ts';
import { median } from './report.ts';

export interface LighthouseFigures {
	/** 0-100. */
	score: number;
	lcp: number;
	tbt: number;
}

interface LighthouseResult {
	runtimeError?: { code: string; message: string };
	categories: { performance: { score: number | null } };
	audits: Record<string, { numericValue?: number }>;
}

const LIGHTHOUSE_CLI = join(PROJECT_ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');

function lighthouseOnce(url: string): Promise<LighthouseFigures> {
	const args = [
		LIGHTHOUSE_CLI,
		url,
		'--quiet',
		'--only-categories=performance',
		'--output=json',
		'--output-path=stdout',
		`--chrome-flags=${CHROMIUM_ARGS.join(' ')}`
	];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, {
			env: { ...process.env, CHROME_PATH: CHROMIUM_PATH },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const stdout: Buffer[] = [];
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code !== 0) return reject(new Error(`lighthouse ${url} failed (exit ${code}): ${stderr.slice(-2000)}`));
			const result = JSON.parse(Buffer.concat(stdout).toString('utf8')) as LighthouseResult;
			const score = result.categories.performance.score;
			if (result.runtimeError || score === null) {
				return reject(
					new Error(
						`lighthouse ${url}: ${result.runtimeError?.code ?? 'no score'} ${result.runtimeError?.message ?? ''}`
					)
				);
			}
			resolve({
				score: Math.round(score * 100),
				lcp: result.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
				tbt: result.audits['total-blocking-time']?.numericValue ?? Number.NaN
			});
		});
	});
}

export async function lighthouseMedian(url: string, runs = 3): Promise<LighthouseFigures> {
	const results: LighthouseFigures[] = [];
	for (let run = 0; run < runs; run++) results.push(await lighthouseOnce(url));
	return {
		score: median(results.map((result) => result.score)),
		lcp: median(results.map((result) => result.lcp)),
		tbt: median(results.map((result) => result.tbt))
	};
}
