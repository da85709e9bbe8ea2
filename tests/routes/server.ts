/**
 * Endpoint tests run the real app in-process: a Vite dev server with the project's config (so the
 * same hooks, form actions and SvelteKit request handling), its store in a fresh temp DATA_DIR,
 * answering real HTTP on a free loopback port. Each test file gets its own server, store and
 * rate limiter. The app is built from the classroom fixture module, not the real lessons: code
 * tests must not change when an editor changes the content.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { openConfiguredRepository, type ClassroomRepository } from '$lib/server/db';
import { LESSON, LESSONS_DIR, MODULE } from './course-questions';

export interface TestApp {
	baseUrl: string;
	dataDir: string;
	/** A second connection to the app's store, to arrange and inspect state. */
	store: ClassroomRepository;
	close(): Promise<void>;
}

/** `databaseUrl`: the app runs on that PostgreSQL database instead of SQLite in its DATA_DIR. */
export async function startApp(options: { databaseUrl?: string } = {}): Promise<TestApp> {
	const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-endpoints-'));
	process.env.DATA_DIR = dataDir;
	// The app under test and `store` below must open the same store, whatever the shell exports.
	if (options.databaseUrl) process.env.DATABASE_URL = options.databaseUrl;
	else delete process.env.DATABASE_URL;
	// vite.config.ts reads the lessons folder from here when createServer loads it.
	const lessonsBefore = process.env.BACKCHANNEL_LESSONS_DIR;
	process.env.BACKCHANNEL_LESSONS_DIR = LESSONS_DIR;
	const server: ViteDevServer = await createServer({
		configFile: 'vite.config.ts',
		cacheDir: join(dataDir, 'vite-cache'),
		logLevel: 'error',
		server: { port: 0, host: '127.0.0.1', ws: false }
	});
	await server.listen();
	const address = server.httpServer?.address();
	if (!address || typeof address !== 'object') throw new Error('the dev server has no address');
	const baseUrl = `http://127.0.0.1:${address.port}`;
	// The first request runs the init hook, which creates and migrates the store.
	const warmUp = await fetch(`${baseUrl}/join`);
	if (!warmUp.ok) throw new Error(`the app did not start: GET /join answered ${warmUp.status}`);
	// Vite compiles a route's modules on its first request: do it here (the answers are 404s), not
	// inside the first test of a file, where on a busy machine it can outlast the test's timeout.
	for (const path of ['/teach', '/teach/warm-up/warm-up', '/class/warm-up', '/class/warm-up/warm-up'])
		await (await fetch(`${baseUrl}${path}`)).arrayBuffer();
	const store = await openConfiguredRepository({ databaseUrl: options.databaseUrl, dataDir });
	return {
		baseUrl,
		dataDir,
		store,
		async close() {
			await store.close();
			await server.close();
			delete process.env.DATABASE_URL;
			if (lessonsBefore === undefined) delete process.env.BACKCHANNEL_LESSONS_DIR;
			else process.env.BACKCHANNEL_LESSONS_DIR = lessonsBefore;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}

/** A browser-like client: same-origin form posts, cookies kept, redirects not followed. */
export class Client {
	private readonly cookies = new Map<string, string>();

	constructor(private readonly baseUrl: string) {}

	private cookieHeader(): string {
		return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
	}

	private remember(response: Response): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const [name, value] = (pair ?? '').split('=');
			if (!name) continue;
			if (value === '' || /max-age=0/i.test(line)) this.cookies.delete(name);
			else this.cookies.set(name, value ?? '');
		}
	}

	async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
		const response = await fetch(new URL(path, this.baseUrl), {
			redirect: 'manual',
			headers: { accept: 'text/html', cookie: this.cookieHeader(), ...headers }
		});
		this.remember(response);
		return response;
	}

	/** Posts a form as a browser without JavaScript would (status codes are the action's own). */
	async post(
		path: string,
		fields: Record<string, string | string[]> | BodyInit,
		headers: Record<string, string> = {}
	): Promise<Response> {
		const body: BodyInit =
			typeof fields === 'string' ||
			fields instanceof ReadableStream ||
			fields instanceof FormData ||
			fields instanceof URLSearchParams
				? fields
				: new URLSearchParams(
						Object.entries(fields as Record<string, string | string[]>).flatMap(([name, value]) =>
							[value].flat().map((item) => [name, item])
						)
					);
		// Node's fetch needs `duplex` to stream a request body; lib.dom's RequestInit does not list it.
		const init: RequestInit & { duplex: 'half' } = {
			method: 'POST',
			redirect: 'manual',
			body,
			duplex: 'half',
			headers: { accept: 'text/html', origin: this.baseUrl, cookie: this.cookieHeader(), ...headers }
		};
		const response = await fetch(new URL(path, this.baseUrl), init);
		this.remember(response);
		return response;
	}

	cookieNames(): string[] {
		return [...this.cookies.keys()];
	}

	cookie(name: string): string | undefined {
		return this.cookies.get(name);
	}
}

/** The dashboard path and join code of a new assignment made through /teach. */
export async function createAssignment(
	client: Client,
	fields: Record<string, string | string[]> = {}
): Promise<{ dashboard: string; joinCode: string; id: string }> {
	const response = await client.post('/teach?/create', {
		title: 'Year 11 history',
		lessons: [`${MODULE}/${LESSON}`],
		passMark: '80',
		tries: '2',
		reveal: 'immediate',
		// These tests answer the lessons' public questions; assessed mode has its own tests.
		mode: 'practice',
		due: '',
		...fields
	});
	if (response.status !== 303)
		throw new Error(`creating an assignment answered ${response.status}: ${await response.text()}`);
	const dashboard = (response.headers.get('location') ?? '').replace(/\?created$/, '');
	const page = await (await client.get(dashboard)).text();
	const joinCode = /data-testid="join-code">([A-Z0-9]{6})</.exec(page)?.[1];
	const id = /^\/teach\/([^/]+)\//.exec(dashboard)?.[1];
	if (!joinCode || !id) throw new Error(`no join code or id on the dashboard at ${dashboard}`);
	return { dashboard, joinCode, id };
}

/** Joins as a new student; returns the student's client (with its cookie) and class path. */
export async function joinAs(
	baseUrl: string,
	joinCode: string,
	name: string
): Promise<{ client: Client; classPath: string }> {
	const client = new Client(baseUrl);
	const response = await client.post('/join?/join', { code: joinCode, name });
	if (response.status !== 303) throw new Error(`joining answered ${response.status}: ${await response.text()}`);
	return { client, classPath: (response.headers.get('location') ?? '').replace(/\?joined$/, '') };
}
