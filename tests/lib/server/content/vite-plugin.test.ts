/**
 * The lessons plugin is what makes a bad lesson file fail `vite build` (and show in dev's overlay):
 * loading the course module either yields the validated course or throws every located error.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASSESSMENT_MODULE_ID, COURSE_MODULE_ID, lessonsPlugin } from '$lib/server/content/vite-plugin';

const root = mkdtempSync(join(tmpdir(), 'backchannel-plugin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs the plugin's hooks as Vite would: resolve the virtual id, then load it. */
async function loadCourseModule(dir: string): Promise<string> {
	const plugin = lessonsPlugin({ dir });
	const resolveId = plugin.resolveId as (id: string) => string | undefined;
	const load = plugin.load as (id: string) => Promise<string | undefined>;
	const resolved = resolveId(COURSE_MODULE_ID);
	expect(resolved).toBeDefined();
	const code = await load(resolved ?? '');
	return code ?? '';
}

describe('lessonsPlugin', () => {
	it('serves the validated course as a module', async () => {
		const code = await loadCourseModule('tests/fixtures/courses/valid');
		expect(code).toMatch(/^export const course = \{/);
		expect(code).toContain('"slug":"mini-module"');
	});

	it('fails the build with every located error when a lesson file is bad', async () => {
		const lessons = join(root, 'broken');
		cpSync('tests/fixtures/courses/valid', lessons, { recursive: true });
		const edit = (file: string, change: (text: string) => string) => {
			const path = join(lessons, 'mini-module', file);
			writeFileSync(path, change(readFileSync(path, 'utf8')));
		};
		edit('module.yaml', (text) => text.replace('minutes: 5', 'minutes: five'));
		edit('the-call.md', (text) => text.replace('answer: ana', 'answer: anna'));
		await expect(loadCourseModule(lessons)).rejects.toThrow(
			/2 problems[\s\S]*module\.yaml:5:10 minutes: expected a number, found "five"[\s\S]*the-call\.md:20:15 quiz\.questions\[0\]\.answer: expected one of the option ids/
		);
	});

	it('fails a build once, on the course module, with the report and no stack that repeats it', async () => {
		const lessons = join(root, 'broken-once');
		cpSync('tests/fixtures/courses/valid', lessons, { recursive: true });
		const moduleFile = join(lessons, 'mini-module', 'module.yaml');
		writeFileSync(moduleFile, readFileSync(moduleFile, 'utf8').replace('minutes: 5', 'minutes: five'));
		const plugin = lessonsPlugin({ dir: lessons });
		const resolveId = plugin.resolveId as (id: string) => string | undefined;
		type Context = { environment: { config: { consumer: 'server' } } };
		const load = plugin.load as (this: Context, id: string) => Promise<string | undefined>;
		const server: Context = { environment: { config: { consumer: 'server' } } };

		const heldBack = await load.call(server, resolveId(ASSESSMENT_MODULE_ID) ?? '');
		expect(heldBack).toContain('export const assessment = new Proxy');
		const failure = await load.call(server, resolveId(COURSE_MODULE_ID) ?? '').then(
			() => undefined,
			(error: unknown) => error
		);
		expect(failure).toBeInstanceOf(Error);
		expect((failure as Error).message).toMatch(/^1 problem in the lesson files:\n.*module\.yaml:5:10 minutes: /);
		expect((failure as Error).stack).toBe('');
	});

	it('serves the held-back items only to a server build, apart from the course', async () => {
		const plugin = lessonsPlugin({ dir: 'tests/fixtures/courses/valid' });
		const resolveId = plugin.resolveId as (id: string) => string | undefined;
		type Context = { environment: { config: { consumer: 'client' | 'server' } } };
		const load = plugin.load as (this: Context, id: string) => Promise<string | undefined>;
		const id = resolveId(ASSESSMENT_MODULE_ID) ?? '';
		const as = (consumer: 'client' | 'server'): Context => ({ environment: { config: { consumer } } });

		const server = await load.call(as('server'), id);
		expect(server).toMatch(/^export const assessment = \{/);
		expect(server).toContain('"id":"held-caller-a"');
		await expect(load.call(as('client'), id)).rejects.toThrow(/loads only in server code/);
		// The course module, which pages serialise, holds none of it.
		expect(await load.call(as('client'), resolveId(COURSE_MODULE_ID) ?? '')).not.toContain('held-caller');
	});
});
