/**
 * Builds the production app once and serves it for every browser test, exactly as `npm start`
 * would (adapter-node), so the tests see the prerendered pages learners get.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertChromiumInstalled } from './chromium';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
	}
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
