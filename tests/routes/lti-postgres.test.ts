/**
 * The app on PostgreSQL with an LMS registered (a throwaway cluster, the simulated platform): the
 * init hook starts LTI there (the tool's key made and published), and a launch verified by the
 * app uses its state and nonce up in PostgreSQL, so the same id token is refused the second time.
 * The LTI flows themselves are tested on SQLite in lti.test.ts; the store on both engines in
 * tests/lib/server/lti/lti-store.test.ts.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type SimulatedPlatform } from '../fixtures/lti/platform';
import { startPostgresCluster, type PostgresCluster } from '../lib/server/db/postgres-cluster';
import { Client, startApp, type TestApp } from './server';

let cluster: PostgresCluster;
let databaseUrl: string;
let platform: SimulatedPlatform;
let configDir: string;
let app: TestApp;

async function count(table: string): Promise<number> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
		return Number(rows[0]?.n);
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	cluster = await startPostgresCluster({ fsync: false });
	databaseUrl = await cluster.createDatabase('lti_app');
	platform = await startPlatform();
	configDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-pg-config-'));
	const file = join(configDir, 'lti-platforms.json');
	writeFileSync(file, JSON.stringify({ platforms: [platform.registration()] }));
	process.env.LTI_PLATFORMS_FILE = file;
	app = await startApp({ databaseUrl });
}, 90_000);

afterAll(async () => {
	await app?.close();
	await platform?.close();
	delete process.env.LTI_PLATFORMS_FILE;
	if (configDir) rmSync(configDir, { recursive: true, force: true });
	cluster?.stop();
});

describe('LTI on PostgreSQL', () => {
	it('publishes the key the init hook made in PostgreSQL, and uses a launch up there once', async () => {
		const jwks = await fetch(`${app.baseUrl}/lti/jwks`);
		expect(jwks.status).toBe(200);
		const { keys } = (await jwks.json()) as { keys: Array<{ kid: string }> };
		expect(keys).toHaveLength(1);
		expect(await count('lti_tool_keys')).toBe(1);

		const client = new Client(app.baseUrl);
		const query = new URLSearchParams({
			iss: platform.issuer,
			login_hint: 'opaque-login-hint',
			target_link_uri: `${app.baseUrl}/lti/launch`,
			client_id: platform.clientId
		});
		const login = await client.get(`/lti/login?${query}`);
		expect(login.status).toBe(302);
		const redirect = new URL(login.headers.get('location') ?? '');
		const state = redirect.searchParams.get('state') ?? '';
		const nonce = redirect.searchParams.get('nonce') ?? '';
		expect(await count('lti_states')).toBe(1);

		const idToken = await platform.sign(platform.deepLinkingClaims(nonce));
		const post = () => client.post('/lti/launch', { id_token: idToken, state }, { origin: platform.issuer });
		const launched = await post();
		expect(launched.status).toBe(303);
		expect(launched.headers.get('location')).toMatch(/^\/lti\/deep-link\//);
		expect(await count('lti_states')).toBe(0);
		expect(await count('lti_nonces')).toBe(1);
		expect(await count('lti_deep_link_contexts')).toBe(1);

		const replayed = await post();
		expect(replayed.status).toBe(401);
		expect(await count('lti_deep_link_contexts')).toBe(1);
	});
});
