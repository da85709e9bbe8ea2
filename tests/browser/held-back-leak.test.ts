/**
 * Held-back assessment items never reach a browser before they are answered. The app is built
 * from the fixture lessons (which have held-back items) exactly as `npm start` builds it, and
 * every file a browser can load — build/client (JS chunks, CSS, assets, any service worker) and
 * build/prerendered (pages and their __data.json) — is searched for every held-back id, prompt,
 * option, statement and quote. The server bundle must hold them: the search sees real output.
 *
 * The same build then serves an assessed assignment in Chromium (the global build is of the real
 * lessons, so it cannot): students see different variants and no one else's, and once the teacher
 * releases the answers every student sees every key. A practice assignment still works without
 * JavaScript.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCourse } from '$lib/server/content/load-course';
import { buildApp, PROJECT_ROOT, serveApp, type BuiltApp, type ServedApp } from '../bench/app-build';
import { assessedClassroomFlows } from './assessed-classroom';
import { findNeedles, heldBackNeedles } from './leak-search';

const FIXTURE = 'tests/fixtures/courses/valid';
const { assessment } = await loadCourse(FIXTURE);
if (!assessment) throw new Error(`${FIXTURE} does not load`);
const needles = heldBackNeedles(assessment);

describe('the leak search', () => {
	const dir = mkdtempSync(join(tmpdir(), 'backchannel-planted-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('finds a planted item as written, inside a JS string, as HTML text and in a compressed copy', () => {
		const prompt = needles.find((needle) => needle.startsWith('Zephyr check')) ?? '';
		const option = 'Quillon Ana the envoy';
		expect(needles).toEqual(expect.arrayContaining(['held-caller-a', prompt, option]));
		mkdirSync(join(dir, 'chunks'), { recursive: true });
		writeFileSync(join(dir, 'chunks', 'a.js'), `const q=${JSON.stringify({ prompt })};`);
		writeFileSync(join(dir, 'page.html'), '<p data-id="held-caller-a">Sealed</p>');
		writeFileSync(join(dir, 'b.js.gz'), gzipSync(`x("${option}")`));
		writeFileSync(join(dir, 'clean.js'), 'console.log("Ana Envoy phoned Boris Aide")');
		expect(findNeedles(dir, needles)).toEqual([
			{ file: 'b.js.gz', needle: option },
			{ file: join('chunks', 'a.js'), needle: prompt },
			// The slot id is part of the variant id, so it is found with it.
			{ file: 'page.html', needle: 'held-caller' },
			{ file: 'page.html', needle: 'held-caller-a' }
		]);
	});
});

describe('the production build of a module with held-back items', () => {
	let app: BuiltApp | undefined;
	let served: ServedApp | undefined;
	beforeAll(async () => {
		app = await buildApp(FIXTURE);
		served = await serveApp(app);
	}, 300_000);
	afterAll(async () => {
		await served?.stop();
		app?.remove();
	});
	const output = (part: string) => join(app?.dir ?? '', 'build', part);

	it('has every held-back item in the server bundle, where the classroom grades it', () => {
		const found = new Set(findNeedles(output('server'), needles).map((hit) => hit.needle));
		expect(needles.filter((needle) => !found.has(needle))).toEqual([]);
	});

	it('has none of them in anything a browser can load', () => {
		expect(findNeedles(output('client'), needles)).toEqual([]);
		expect(findNeedles(output('prerendered'), needles)).toEqual([]);
	});

	assessedClassroomFlows(() => served?.baseUrl ?? '', assessment);
});

describe('the build every other browser test runs (global setup, from lessons/)', () => {
	const lessonsDir = process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons';
	const output = (part: string) => join(PROJECT_ROOT, 'build', part);

	it('has none of that module’s held-back items in anything a browser can load, and all on the server', async () => {
		const { assessment: bank } = await loadCourse(lessonsDir);
		if (!bank) throw new Error(`${lessonsDir} does not load`);
		const real = heldBackNeedles(bank);
		expect(findNeedles(output('client'), real)).toEqual([]);
		expect(findNeedles(output('prerendered'), real)).toEqual([]);
		const found = new Set(findNeedles(output('server'), real).map((hit) => hit.needle));
		expect(real.filter((needle) => !found.has(needle))).toEqual([]);
	});
});
