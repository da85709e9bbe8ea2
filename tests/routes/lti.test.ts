/**
 * LTI 1.3 over HTTP, against the simulated platform (tests/fixtures/lti/platform.ts): the login
 * redirect, every launch refusal (4xx naming what failed, with no row added anywhere), deep
 * linking (its response verifies against /lti/jwks), learner and instructor launches, framing.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, openStores } from '$lib/server/db';
import type { LtiStore } from '$lib/server/lti/store';
import { rotateToolKey } from '$lib/server/lti/keys';
import { AGS, DL, INSTRUCTOR, LTI, newPlatformKey, startPlatform, type SimulatedPlatform } from '../fixtures/lti/platform';
import { LESSON, MODULE } from './course-questions';
import { Client, startApp, type TestApp } from './server';

let app: TestApp;
let platform: SimulatedPlatform;
let lti: LtiStore;
let closeStores: () => void;
let configDir: string;

beforeAll(async () => {
	platform = await startPlatform();
	configDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-config-'));
	const file = join(configDir, 'lti-platforms.json');
	writeFileSync(file, JSON.stringify({ platforms: [platform.registration()] }));
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

/** Rows in every table of the app's database: a refused launch must leave every count as it was. */
function rowCounts(): Record<string, number> {
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
async function login(client: Client, extra: Record<string, string> = {}): Promise<{ state: string; nonce: string; url: URL }> {
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
function postLaunch(client: Client, idToken: string, state: string) {
	return client.post('/lti/launch', { id_token: idToken, state }, { origin: platform.issuer });
}

async function launch(client: Client, claims: (nonce: string) => JWTPayload) {
	const { state, nonce } = await login(client);
	return postLaunch(client, await platform.sign(claims(nonce)), state);
}

/** Follows a launch's redirect to the landing page and on to where it signs in. */
async function land(client: Client, launched: Response): Promise<string> {
	expect(launched.status).toBe(303);
	const landing = await client.get(launched.headers.get('location') ?? '');
	expect(landing.status).toBe(303);
	return landing.headers.get('location') ?? '';
}

async function deepLink(client: Client, fields: Record<string, string | string[]> = {}) {
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

function contentItem(jwt: string) {
	const items = decodeJwt(jwt)[`${DL}content_items`] as Array<Record<string, unknown>>;
	const [item] = items;
	if (!item) throw new Error('the deep-linking response has no content item');
	return item as { custom: Record<string, string>; lineItem: Record<string, unknown>; url: string; type: string };
}

describe('GET /lti/jwks and /lti/login', () => {
	it('publishes the tool key set, public parts only', async () => {
		const response = await fetch(`${app.baseUrl}/lti/jwks`);
		expect(response.status).toBe(200);
		const { keys } = (await response.json()) as { keys: Array<Record<string, unknown>> };
		expect(keys.length).toBeGreaterThanOrEqual(1);
		for (const key of keys) {
			expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
			expect(typeof key.kid).toBe('string');
			expect(key).not.toHaveProperty('d');
		}
	});

	it('redirects to the platform with state, nonce, the hints, client id, redirect URI, form_post, openid, prompt=none', async () => {
		const { url, state, nonce } = await login(new Client(app.baseUrl));
		expect(url.origin + url.pathname).toBe(platform.authUrl);
		expect(Object.fromEntries(url.searchParams)).toMatchObject({
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: platform.clientId,
			redirect_uri: `${app.baseUrl}/lti/launch`,
			login_hint: 'opaque-login-hint',
			lti_message_hint: 'opaque-message-hint'
		});
		expect(state.length).toBeGreaterThanOrEqual(32);
		expect(nonce.length).toBeGreaterThanOrEqual(32);
		expect(await lti.findState(state, Date.now())).toMatchObject({ issuer: platform.issuer, nonce });
	});

	it('takes the initiation as a cross-site form post too', async () => {
		const response = await new Client(app.baseUrl).post(
			'/lti/login',
			{ iss: platform.issuer, login_hint: 'hint', target_link_uri: `${app.baseUrl}/lti/launch` },
			{ origin: platform.issuer }
		);
		expect(response.status).toBe(302);
		expect(response.headers.get('location')).toContain(platform.authUrl);
	});

	it('refuses an unknown issuer (403) and a login without login_hint (400), storing nothing', async () => {
		const before = rowCounts();
		const unknown = await new Client(app.baseUrl).get('/lti/login?iss=https%3A%2F%2Fother.example&login_hint=x');
		expect(unknown.status).toBe(403);
		expect(await unknown.text()).toContain('unknown platform');
		const noHint = await new Client(app.baseUrl).get(`/lti/login?iss=${encodeURIComponent(platform.issuer)}`);
		expect(noHint.status).toBe(400);
		expect(await noHint.text()).toContain('missing login_hint');
		expect(rowCounts()).toEqual(before);
	});
});

describe('POST /lti/launch refusals: 4xx naming what failed, nothing stored', () => {
	const now = () => Math.floor(Date.now() / 1000);
	const cases: Array<{
		name: string;
		status: number;
		says: string;
		token: (nonce: string) => Promise<string>;
		state?: (state: string) => string;
	}> = [
		{
			name: 'wrong audience',
			status: 401,
			says: 'wrong audience',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { aud: 'someone-else', azp: undefined }))
		},
		{
			name: 'audience list without our client id as azp',
			status: 401,
			says: 'wrong authorized party',
			token: (nonce) =>
				platform.sign(platform.resourceLinkClaims(nonce, { aud: [platform.clientId, 'other'], azp: 'other' }))
		},
		{
			name: 'expired',
			status: 401,
			says: 'expired',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { iat: now() - 600, exp: now() - 300 }))
		},
		{
			name: 'issued in the future beyond the clock skew',
			status: 401,
			says: 'issued in the future',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { iat: now() + 600, exp: now() + 900 }))
		},
		{
			name: 'unknown deployment',
			status: 403,
			says: 'unknown deployment',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { [`${LTI}deployment_id`]: 'deployment-9' }))
		},
		{
			name: 'bad signature (a key the platform does not publish, under its kid)',
			status: 401,
			says: 'bad signature',
			token: async (nonce) =>
				platform.sign(platform.resourceLinkClaims(nonce), { key: await newPlatformKey(), kid: platform.currentKey().kid })
		},
		{
			name: 'unknown kid',
			status: 401,
			says: 'unknown kid',
			token: async (nonce) => platform.sign(platform.resourceLinkClaims(nonce), { key: await newPlatformKey('not-published') })
		},
		{
			name: 'missing sub',
			status: 400,
			says: 'missing claims: sub',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { sub: undefined }))
		},
		{
			name: 'missing resource link',
			status: 400,
			says: `${LTI}resource_link is missing`,
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { [`${LTI}resource_link`]: undefined }))
		},
		{
			name: 'missing deployment id',
			status: 400,
			says: `${LTI}deployment_id is missing`,
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { [`${LTI}deployment_id`]: undefined }))
		},
		{
			name: 'wrong message type',
			status: 400,
			says: 'wrong message type',
			token: (nonce) =>
				platform.sign(platform.resourceLinkClaims(nonce, { [`${LTI}message_type`]: 'LtiSubmissionReviewRequest' }))
		},
		{
			name: 'wrong version',
			status: 400,
			says: 'wrong LTI version',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { [`${LTI}version`]: '1.1.0' }))
		},
		{
			name: 'nonce of another login',
			status: 401,
			says: 'bad nonce',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(`${nonce}-other`))
		},
		{
			name: 'unknown state',
			status: 401,
			says: 'bad state',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce)),
			state: () => 'a-state-this-tool-never-issued'
		},
		{
			name: 'not a JWT',
			status: 400,
			says: 'malformed id_token',
			token: async () => 'not.a.jwt'
		}
	];

	for (const { name, status, says, token, state: changeState } of cases) {
		it(name, async () => {
			const client = new Client(app.baseUrl);
			const { state, nonce } = await login(client);
			const before = rowCounts();
			const response = await postLaunch(client, await token(nonce), changeState ? changeState(state) : state);
			expect(response.status).toBe(status);
			expect(await response.text()).toContain(says);
			expect(rowCounts()).toEqual(before);
			// The state was not used up by the refusal.
			expect(await lti.findState(state, Date.now())).toBeDefined();
		});
	}

	it('a launch without id_token or state', async () => {
		const before = rowCounts();
		const response = await new Client(app.baseUrl).post('/lti/launch', { state: 'x' }, { origin: platform.issuer });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('missing id_token');
		expect(rowCounts()).toEqual(before);
	});

	it('a replayed launch (the same id token and state again)', async () => {
		const client = new Client(app.baseUrl);
		const { state, nonce } = await login(client);
		const token = await platform.sign(platform.deepLinkingClaims(nonce));
		expect((await postLaunch(client, token, state)).status).toBe(303);
		const before = rowCounts();
		const replay = await postLaunch(client, token, state);
		expect(replay.status).toBe(401);
		expect(await replay.text()).toContain('bad state');
		expect(rowCounts()).toEqual(before);
	});

	it('a replayed nonce under another state (the nonce table refuses it)', async () => {
		const client = new Client(app.baseUrl);
		const { state, nonce } = await login(client);
		const token = await platform.sign(platform.deepLinkingClaims(nonce));
		expect((await postLaunch(client, token, state)).status).toBe(303);
		// A second login that (against the odds) carries the same nonce.
		const now = Date.now();
		await lti.saveState({
			state: 'second-state',
			issuer: platform.issuer,
			clientId: platform.clientId,
			nonce,
			createdAt: now,
			expiresAt: now + 60_000
		});
		const before = rowCounts();
		const replay = await postLaunch(client, token, 'second-state');
		expect(replay.status).toBe(401);
		expect(await replay.text()).toContain('replayed nonce');
		expect(rowCounts()).toEqual(before);
	});

	it('a deep-linking request from a learner', async () => {
		const before = rowCounts();
		const response = await launch(new Client(app.baseUrl), (nonce) =>
			platform.deepLinkingClaims(nonce, { [`${LTI}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'] })
		);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('only an instructor');
		// The nonce is used up (the token was valid), but no context or assignment was made.
		const after = rowCounts();
		expect(after.lti_deep_link_contexts).toBe(before.lti_deep_link_contexts);
		expect(after.assignments).toBe(before.assignments);
	});

	it('a resource link that opens no assignment', async () => {
		const response = await launch(new Client(app.baseUrl), (nonce) =>
			platform.resourceLinkClaims(nonce, { [`${LTI}resource_link`]: { id: 'never-linked' } })
		);
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('opens no Backchannel assignment');
	});

	it('a forged assignment parameter', async () => {
		const response = await launch(new Client(app.baseUrl), (nonce) =>
			platform.resourceLinkClaims(nonce, { [`${LTI}custom`]: { backchannel_assignment: 'someid.Zm9yZ2Vk' } })
		);
		expect(response.status).toBe(403);
		expect(await response.text()).toContain('not made by this tool');
	});
});

describe('deep linking, then launches', () => {
	it('returns a signed LtiDeepLinkingResponse that verifies against /lti/jwks, with a resource link and a line item', async () => {
		const { jwt, action } = await deepLink(new Client(app.baseUrl));
		expect(action).toBe(`${platform.issuer}/deep-link-return`);
		const keySet = createLocalJWKSet(await (await fetch(`${app.baseUrl}/lti/jwks`)).json());
		const { payload, protectedHeader } = await jwtVerify(jwt, keySet, {
			issuer: platform.clientId,
			audience: platform.issuer,
			algorithms: ['RS256']
		});
		expect(protectedHeader.kid).toBeTruthy();
		expect(payload).toMatchObject({
			[`${LTI}message_type`]: 'LtiDeepLinkingResponse',
			[`${LTI}version`]: '1.3.0',
			[`${LTI}deployment_id`]: platform.deploymentId,
			[`${DL}data`]: 'opaque-platform-data'
		});
		expect(typeof payload.nonce).toBe('string');
		const item = contentItem(jwt);
		expect(item).toMatchObject({
			type: 'ltiResourceLink',
			url: `${app.baseUrl}/lti/launch`,
			lineItem: { scoreMaximum: 100, label: 'Year 11: the leak' }
		});
		const [assignmentId] = (item.custom.backchannel_assignment ?? '').split('.');
		expect(await app.store.findAssignment(assignmentId ?? '')).toMatchObject({
			title: 'Year 11: the leak',
			lessons: [LESSON],
			passMark: 70,
			mode: 'practice'
		});
	});

	it('uses a deep-linking form once, and shows the form again with its errors', async () => {
		const client = new Client(app.baseUrl);
		const launched = await launch(client, (nonce) => platform.deepLinkingClaims(nonce));
		const formPath = launched.headers.get('location') ?? '';
		const refused = await client.post(formPath, { title: '', lessons: [], passMark: '70', tries: '2', reveal: 'immediate', due: '' });
		expect(refused.status).toBe(400);
		expect(await refused.text()).toContain('Title: give the assignment a title');
		const fields = { title: 'Once', lessons: [`${MODULE}/${LESSON}`], passMark: '70', tries: '2', reveal: 'immediate', mode: 'practice', due: '' };
		expect((await client.post(formPath, fields)).status).toBe(200);
		expect((await client.post(formPath, fields)).status).toBe(410);
	});

	it('signs a learner in as the same student on every launch and device, and records the line item', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const [assignmentId] = (custom.backchannel_assignment ?? '').split('.');
		const learnerClaims = (nonce: string) =>
			platform.resourceLinkClaims(nonce, {
				sub: 'learner-42',
				name: 'Ada Lovelace',
				[`${LTI}resource_link`]: { id: 'link-after-deep-linking' },
				[`${LTI}custom`]: custom
			});

		const laptop = new Client(app.baseUrl);
		const classPath = await land(laptop, await launch(laptop, learnerClaims));
		expect(classPath).toBe(`/class/${assignmentId}`);
		const page = await laptop.get(classPath);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Ada Lovelace');
		expect(html).toContain('data-testid="lms-sign-in"');

		const phone = new Client(app.baseUrl);
		expect(await land(phone, await launch(phone, learnerClaims))).toBe(classPath);
		expect((await phone.get(classPath)).status).toBe(200);
		const students = await app.store.listStudents(assignmentId ?? '');
		expect(students).toHaveLength(1);
		const link = await lti.findStudentLinkOfStudent(students[0]?.id ?? '');
		expect(link).toMatchObject({ issuer: platform.issuer, subject: 'learner-42', clientId: platform.clientId });

		expect(await lti.listResourceLinksOfAssignment(assignmentId ?? '')).toEqual([
			expect.objectContaining({
				issuer: platform.issuer,
				deploymentId: platform.deploymentId,
				resourceLinkId: 'link-after-deep-linking',
				lineItemUrl: `${platform.issuer}/courses/7/lineitems/1`,
				agsScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score']
			})
		]);
		// A later launch of the same link without the custom parameter still finds it.
		const again = new Client(app.baseUrl);
		const withoutCustom = (nonce: string) => ({ ...learnerClaims(nonce), [`${LTI}custom`]: undefined, [`${AGS}endpoint`]: undefined });
		expect(await land(again, await launch(again, withoutCustom))).toBe(classPath);
	});

	it('sends an instructor to the assignment dashboard without its secret link', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const [assignmentId] = (custom.backchannel_assignment ?? '').split('.');
		const teacher = new Client(app.baseUrl);
		const dashboard = await land(
			teacher,
			await launch(teacher, (nonce) =>
				platform.resourceLinkClaims(nonce, {
					sub: 'teacher-1',
					[`${LTI}roles`]: [INSTRUCTOR],
					[`${LTI}resource_link`]: { id: 'instructor-link' },
					[`${LTI}custom`]: custom
				})
			)
		);
		expect(dashboard).toBe(`/teach/${assignmentId}/lms`);
		const page = await teacher.get(dashboard);
		expect(page.status).toBe(200);
		expect(await page.text()).toMatch(/Teacher(&#39;|')s dashboard/);
		expect((await teacher.get(`${dashboard}/results.csv`)).status).toBe(200);
		// No student was made for the instructor, and without the session there is no way in.
		expect(await app.store.listStudents(assignmentId ?? '')).toHaveLength(0);
		expect((await new Client(app.baseUrl).get(dashboard)).status).toBe(404);
	});

	it('offers a new window when the frame drops the probe cookie, and the ticket works once', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const custom = contentItem(jwt).custom;
		const client = new Client(app.baseUrl);
		const launched = await launch(client, (nonce) =>
			platform.resourceLinkClaims(nonce, { sub: 'learner-safari', [`${LTI}resource_link`]: { id: 'safari' }, [`${LTI}custom`]: custom })
		);
		const landing = launched.headers.get('location') ?? '';
		// A browser that blocks third-party cookies comes back without the probe.
		const blocked = await fetch(`${app.baseUrl}${landing}`, { redirect: 'manual' });
		expect(blocked.status).toBe(200);
		const page = await blocked.text();
		expect(page).toContain('Open in a new window');
		expect(page).toContain(`href="${landing}?window=new" target="_blank"`);
		const newWindow = new Client(app.baseUrl);
		const opened = await newWindow.get(`${landing}?window=new`);
		expect(opened.status).toBe(303);
		expect((await newWindow.get(opened.headers.get('location') ?? '')).status).toBe(200);
		expect((await new Client(app.baseUrl).get(`${landing}?window=new`)).status).toBe(410);
	});

	it('signs deep-linking responses with a rotated key, which /lti/jwks publishes beside the old one', async () => {
		const before = (await (await fetch(`${app.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
		const rotated = await rotateToolKey(lti);
		const after = (await (await fetch(`${app.baseUrl}/lti/jwks`)).json()) as { keys: Array<{ kid: string }> };
		expect(after.keys.map((key) => key.kid)).toEqual([...before.keys.map((key) => key.kid), rotated.kid]);
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const { protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(after), { audience: platform.issuer });
		expect(protectedHeader.kid).toBe(rotated.kid);
	});
});

describe('frames and cookies', () => {
	it('lets the registered platform frame LTI pages and keeps every other classroom page unframeable', async () => {
		const refused = await new Client(app.baseUrl).post('/lti/launch', { state: 'x' }, { origin: platform.issuer });
		expect(refused.headers.get('content-security-policy')).toBe(`frame-ancestors 'self' ${platform.issuer}`);
		expect(refused.headers.get('x-frame-options')).toBeNull();
		const teach = await new Client(app.baseUrl).get('/teach');
		expect(teach.headers.get('x-frame-options')).toBe('DENY');
	});

	it('still refuses other cross-site form posts', async () => {
		const response = await new Client(app.baseUrl).post('/teach?/create', { title: 'x' }, { origin: platform.issuer });
		expect(response.status).toBe(403);
	});
});
