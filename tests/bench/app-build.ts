/**
 * Builds the production app from any lessons folder, in a scratch copy of the project, and serves
 * it on loopback as `npm start` would (adapter-node). A scratch copy per build keeps the worktree's
 * own `build/` untouched and makes every timed build a cold one, so the figures compare.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

/** What a build does not need from the project: outputs, dependencies (linked), local data. */
const NOT_COPIED = new Set([
	'node_modules',
	'.git',
	'build',
	'.svelte-kit',
	'screenshots',
	'bench-results',
	'test-results',
	'data'
]);

export interface BuiltApp {
	/** The scratch project holding `build/`. */
	dir: string;
	seconds: number;
	remove(): void;
}

export interface ServedApp {
	baseUrl: string;
	/** How the server ended, if it has: a step that finds it gone says so instead of "fetch failed". */
	ended(): string | undefined;
	/** CPU time the server process has used so far, in ms (Linux only; `undefined` elsewhere). */
	cpuMs(): number | undefined;
	stop(): Promise<void>;
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<string> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolvePromise(output)
				: reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`))
		);
	});
}

/** `vite build` of the project with `lessonsDir` as its lessons, timed from start to exit. */
export async function buildApp(lessonsDir: string): Promise<BuiltApp> {
	const dir = mkdtempSync(join(tmpdir(), 'backchannel-bench-app-'));
	for (const name of readdirSync(PROJECT_ROOT)) {
		if (!NOT_COPIED.has(name)) cpSync(join(PROJECT_ROOT, name), join(dir, name), { recursive: true });
	}
	symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
	const started = performance.now();
	await run(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
		cwd: dir,
		// Vite builds in development mode unless NODE_ENV is production (or unset).
		env: { ...process.env, NODE_ENV: 'production', BACKCHANNEL_LESSONS_DIR: resolve(lessonsDir) }
	});
	return {
		dir,
		seconds: (performance.now() - started) / 1000,
		remove: () => rmSync(dir, { recursive: true, force: true })
	};
}

async function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no free port'))
			);
		});
	});
}

/**
 * User plus system CPU time of a process, from /proc (in clock ticks, 100 a second on Linux).
 * Less noisy than wall-clock latency on a machine shared with other work: the benchmark reports
 * it per hand-in next to the latencies.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		// Fields after the command name (which may hold spaces, so split after its closing paren).
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		const ticks = Number(fields[11]) + Number(fields[12]);
		return Number.isFinite(ticks) ? ticks * 10 : undefined;
	} catch {
		return undefined;
	}
}

async function waitUntilAnswering(url: string, server: ChildProcess): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (server.exitCode !== null) throw new Error(`the app server exited with ${server.exitCode}`);
		const answered = await fetch(url).then(
			(response) => response.ok,
			() => false
		);
		if (answered) return;
		await new Promise((wake) => setTimeout(wake, 200));
	}
	throw new Error(`the app server did not answer at ${url} within 30 s`);
}

/**
 * `node build` on a free loopback port, with its own empty data folder; `env` adds to its
 * environment (e.g. `DATABASE_URL`, to serve from PostgreSQL instead).
 */
export async function serveApp(app: BuiltApp, env: NodeJS.ProcessEnv = {}): Promise<ServedApp> {
	const port = await freePort();
	const dataDir = join(app.dir, 'data');
	mkdirSync(dataDir, { recursive: true });
	const server = spawn(process.execPath, ['build'], {
		cwd: app.dir,
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	const baseUrl = `http://127.0.0.1:${port}`;
	let ended: string | undefined;
	server.once('exit', (code, signal) => (ended = `the app server exited (${signal ?? `code ${code}`})`));
	await waitUntilAnswering(baseUrl, server);
	return {
		baseUrl,
		ended: () => ended,
		cpuMs: () => (ended ? undefined : processCpuMs(server.pid)),
		stop: () =>
			new Promise((resolvePromise) => {
				if (server.exitCode !== null) return resolvePromise();
				server.once('exit', () => resolvePromise());
				server.kill();
			})
	};
}
