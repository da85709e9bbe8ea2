/**
 * The app with the simulated platform (tests/fixtures/lti/platform.ts) registered, and the
 * platform's side of the LTI flows: login, the launch post, deep linking. `useLtiApp()` starts one
 * of each per test file; the exported bindings are live once its beforeAll has run.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, type JWTPayload } from 'jose';
import { afterAll, beforeAll, expect } from 'vitest';
import { databaseFile, openStores } from '$lib/server/db';
import type { LtiStore } from '$lib/server/lti/store';
import { DL, startPlatform, type SimulatedPlatform } from '../fixtures/lti/platform';
import { LESSON, MODULE } from './course-questions';
import { Client, startApp, type TestApp } from './server';

export let app: TestApp;
export let platform: SimulatedPlatform;
export let lti: LtiStore;
let closeStores: () => void;
let configDir: string;

/** `registration` may change the platform's registration, e.g. point its token URL at a gradebook. */
export function useLtiApp(
	options: { registration?: (platform: SimulatedPlatform) => Promise<Record<string, unknown>> } = {}
): void {
	beforeAll(async () => {
		platform = await startPlatform();
		configDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-config-'));
		const file = join(configDir, 'lti-platforms.json');
		const overrides = (await options.registration?.(platform)) ?? {};
		writeFileSync(file, JSON.stringify({ platforms: [platform.registration(overrides)] }));
		process.env.LTI_PLATFORMS_FILE = file;
		app = await startApp();
		const stores = openStores(app.dataDir);
		lti = stores.lti;
		closeStores = () => stores.classroom.close();
	}, 60_000);
	afterAll(async () => {
		closeStores?.();
		await app?.close();
		await platform?.close();
		delete process.env.LTI_PLATFORMS_FILE;
		rmSync(configDir, { recursive: true, force: true });
	});
}

/** Rows in every table of the app's database: a refused launch must leave every count as it was. */
export function rowCounts(): Record<string, number> {
	const db = new Database(databaseFile(app.dataDir), { readonly: true });
	try {
		const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
		return Object.fromEntries(
			tables.map(({ name }) => [name, (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n])
		);
	} finally {
		db.close();
	}
}

/** The platform's side of the OIDC login: the tool's redirect to its auth URL, with state and nonce. */
export async function login(
	client: Client,
	extra: Record<string, string> = {}
): Promise<{ state: string; nonce: string; url: URL }> {
	const query = new URLSearchParams({
		iss: platform.issuer,
		login_hint: 'opaque-login-hint',
		target_link_uri: `${app.baseUrl}/lti/launch`,
		lti_message_hint: 'opaque-message-hint',
		client_id: platform.clientId,
		...extra
	});
	const response = await client.get(`/lti/login?${query}`);
	expect(response.status).toBe(302);
	const url = new URL(response.headers.get('location') ?? '');
	return { state: url.searchParams.get('state') ?? '', nonce: url.searchParams.get('nonce') ?? '', url };
}

/** The platform's form post of the id token, from its own origin (cross-site, as in real life). */
export function postLaunch(client: Client, idToken: string, state: string) {
	return client.post('/lti/launch', { id_token: idToken, state }, { origin: platform.issuer });
}

export async function launch(client: Client, claims: (nonce: string) => JWTPayload) {
	const { state, nonce } = await login(client);
	return postLaunch(client, await platform.sign(claims(nonce)), state);
}

/** Follows a launch's redirect to the landing page and on to where it signs in. */
export async function land(client: Client, launched: Response): Promise<string> {
	expect(launched.status).toBe(303);
	const landing = await client.get(launched.headers.get('location') ?? '');
	expect(landing.status).toBe(303);
	return landing.headers.get('location') ?? '';
}

export async function deepLink(client: Client, fields: Record<string, string | string[]> = {}) {
	const launched = await launch(client, (nonce) => platform.deepLinkingClaims(nonce));
	expect(launched.status).toBe(303);
	const formPath = launched.headers.get('location') ?? '';
	expect(formPath).toMatch(/^\/lti\/deep-link\//);
	const form = await client.get(formPath);
	expect(form.status).toBe(200);
	const response = await client.post(formPath, {
		title: 'Year 11: the leak',
		lessons: [`${MODULE}/${LESSON}`],
		passMark: '70',
		tries: '2',
		reveal: 'immediate',
		mode: 'practice',
		due: '',
		...fields
	});
	expect(response.status).toBe(200);
	const page = await response.text();
	const jwt = /name="JWT" value="([^"]+)"/.exec(page)?.[1] ?? '';
	const action = /<form method="POST" action="([^"]+)"/.exec(page)?.[1];
	return { jwt, action, formPath };
}

export function contentItem(jwt: string) {
	const items = decodeJwt(jwt)[`${DL}content_items`] as Array<Record<string, unknown>>;
	const [item] = items;
	if (!item) throw new Error('the deep-linking response has no content item');
	return item as { custom: Record<string, string>; lineItem: Record<string, unknown>; url: string; type: string };
}
