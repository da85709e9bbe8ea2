/**
 * The module's pages as the production build prerenders them, built in a scratch copy of the
 * project so the worktree's own `build/` is never touched. The copy's `svelte.config.js` wraps the
 * real one and pins Kit's version name to a hash of the lessons: Kit otherwise names each build
 * after the clock, and that name is in every page, which would make two exports differ.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	cpSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..', '..', '..', '..');

const NOT_COPIED = new Set([
	'node_modules',
	'.git',
	'build',
	'.svelte-kit',
	'screenshots',
	'bench-results',
	'test-results',
	'data',
	'exports'
]);

export interface StaticBuild {
	/** adapter-node's output: `prerendered/` (the pages) and `client/` (scripts, styles, assets). */
	dir: string;
	remove(): void;
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((path) => statSync(join(dir, path)).isFile())
		.sort();
}

/** Same lessons, same name: the hash of every lesson file's path and bytes. */
export function lessonsHash(lessonsDir: string): string {
	const hash = createHash('sha256');
	for (const path of filesUnder(lessonsDir)) hash.update(path).update(readFileSync(join(lessonsDir, path)));
	return hash.digest('hex').slice(0, 12);
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
	return new Promise((done, fail) => {
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', fail);
		child.on('close', (code) =>
			code === 0 ? done() : fail(new Error(`the site build failed (exit ${code}):\n${output.slice(-3000)}`))
		);
	});
}

export async function buildStaticSite(lessonsDir: string): Promise<StaticBuild> {
	const dir = mkdtempSync(join(tmpdir(), 'backchannel-scorm-build-'));
	const remove = () => rmSync(dir, { recursive: true, force: true });
	try {
		for (const name of readdirSync(PROJECT_ROOT)) {
			if (!NOT_COPIED.has(name)) cpSync(join(PROJECT_ROOT, name), join(dir, name), { recursive: true });
		}
		symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
		renameSync(join(dir, 'svelte.config.js'), join(dir, 'svelte.config.project.js'));
		writeFileSync(
			join(dir, 'svelte.config.js'),
			[
				"import config from './svelte.config.project.js';",
				`export default { ...config, kit: { ...config.kit, version: { name: ${JSON.stringify(lessonsHash(lessonsDir))} } } };`,
				''
			].join('\n')
		);
		await run(process.execPath, [join(PROJECT_ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], dir, {
			...process.env,
			// Vite builds in development mode unless NODE_ENV is production.
			NODE_ENV: 'production',
			BACKCHANNEL_LESSONS_DIR: resolve(lessonsDir)
		});
		return { dir: join(dir, 'build'), remove };
	} catch (problem) {
		remove();
		throw problem;
	}
}
