/**
 * Builds the production app once and serves it for every browser test, exactly as `npm start`
 * would (adapter-node), so the tests see the prerendered pages learners get.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertChromiumInstalled } from './chromium';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
}

/**
 * The lessons the browser tests build the app from: the project's own, plus fixture modules on
 * other topics with their own source documents, so the catalogue, navigation and every module page
 * are tested with more than one module and no test can take the first module for granted. The
 * export fixture uses every question type; the dense one has a network and timeline big enough
 * for the map and timeline tests, which run on it rather than on the project's own module.
 */
const FIXTURE_MODULES = ['tests/fixtures/courses/export/every-type', 'tests/fixtures/courses/dense/saltmere-bridge'];

function lessonsWithFixtureModules(): string {
	const lessons = join(mkdtempSync(join(tmpdir(), 'backchannel-test-lessons-')), 'lessons');
	cpSync('lessons', lessons, { recursive: true });
	for (const module of FIXTURE_MODULES) cpSync(module, join(lessons, basename(module)), { recursive: true });
	return lessons;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))
			);
		});
	});
}

export async function waitForServer(url: string, server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the app server exited with ${server.exitCode}`);
		try {
			const response = await fetch(url);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`the app server did not answer at ${url} within 30 s`);
}

export default async function setup(project: TestProject): Promise<() => void> {
	assertChromiumInstalled();
	// Vitest sets NODE_ENV=test, and Vite builds in development mode (Svelte's dev checks, 8 kB
	// more JS) unless NODE_ENV is production: test what learners get.
	// Test files read the same folder (set here, before Vitest starts the workers that run them).
	process.env.BACKCHANNEL_LESSONS_DIR ??= lessonsWithFixtureModules();
	const env = { ...process.env, NODE_ENV: 'production' };
	if (process.env.BACKCHANNEL_SKIP_BUILD !== '1') {
		const build = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit', env });
		if (build.status !== 0) throw new Error('`vite build` failed: see its output above');
	}
	const port = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-test-data-'));
	const server = spawn('node', ['build'], {
		env: { ...env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	await waitForServer(baseUrl, server);
	project.provide('baseUrl', baseUrl);
	return () => {
		server.kill();
	};
}
