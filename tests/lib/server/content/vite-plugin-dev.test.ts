/**
 * Writing a lesson in dev: the dev server picks up an edit to a lesson file without a restart, and
 * a broken file answers with its located error (the text Vite's overlay shows) instead of stale
 * content; fixing the file brings the page back.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'backchannel-dev-'));
const lessons = join(root, 'lessons');
const lessonFile = join(lessons, 'mini-module', 'the-call.md');
const original = () => readFileSync('tests/fixtures/courses/valid/mini-module/the-call.md', 'utf8');
let server: ViteDevServer;
let baseUrl = '';

beforeAll(async () => {
	cpSync('tests/fixtures/courses/valid', lessons, { recursive: true });
	process.env.BACKCHANNEL_LESSONS_DIR = lessons;
	process.env.DATA_DIR = join(root, 'data');
	server = await createServer({
		configFile: 'vite.config.ts',
		cacheDir: join(root, 'vite-cache'),
		logLevel: 'silent',
		server: { port: 0, host: '127.0.0.1', ws: false }
	});
	await server.listen();
	const address = server.httpServer?.address();
	if (!address || typeof address !== 'object') throw new Error('the dev server has no address');
	baseUrl = `http://127.0.0.1:${address.port}`;
}, 60_000);

afterAll(async () => {
	await server?.close();
	rmSync(root, { recursive: true, force: true });
});

/**
 * Saves the lesson file as an author would. Vite's watcher (chokidar) drops a change to a file that
 * comes within 5 ms of the last one it reported, and the dev server can answer twice in that time:
 * wait for that window to close first. Node runs timers in the order they fall due, so a 20 ms
 * timer set now fires after the watcher's 5 ms one, however late a loaded machine runs both.
 */
async function saveLesson(text: string): Promise<void> {
	await new Promise((done) => setTimeout(done, 20));
	writeFileSync(lessonFile, text);
}

async function page(): Promise<{ status: number; text: string }> {
	const response = await fetch(`${baseUrl}/mini-module/the-call`, { headers: { accept: 'text/html' } });
	return { status: response.status, text: await response.text() };
}

describe('the lessons plugin in dev', () => {
	it('serves the lesson, then its edited text without a restart', async () => {
		expect((await page()).text).toContain('phoned');
		await saveLesson(original().replace('phoned', 'telephoned'));
		await expect.poll(async () => (await page()).text, { timeout: 15_000 }).toContain('telephoned');
	}, 30_000);

	it('answers a broken lesson file with its located error, and recovers when it is fixed', async () => {
		await saveLesson(original().replace('answer: ana', 'answer: anna'));
		await expect.poll(async () => (await page()).status, { timeout: 15_000 }).toBe(500);
		expect((await page()).text).toMatch(
			/the-call\.md:20:15 quiz\.questions\[0\]\.answer: expected one of the option ids/
		);
		await saveLesson(original());
		await expect.poll(async () => (await page()).status, { timeout: 15_000 }).toBe(200);
	}, 30_000);
});
