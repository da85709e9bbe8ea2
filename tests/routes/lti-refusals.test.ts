/**
 * Every refusal of an LTI launch over HTTP: 4xx with a page naming what failed, and no row added
 * to any table of the store (the login's state is not used up either).
 */
import { describe, expect, it } from 'vitest';
import { LOGIN_RULE, loginBucket } from '$lib/server/lti/login-limit';
import { LTI, newPlatformKey } from '../fixtures/lti/platform';
import { app, launch, login, lti, platform, postLaunch, rowCounts, useLtiApp } from './lti-harness';
import { Client } from './server';

useLtiApp();

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
			name: 'unknown issuer',
			status: 403,
			says: 'unknown issuer',
			token: (nonce) => platform.sign(platform.resourceLinkClaims(nonce, { iss: 'https://lms.invalid' }))
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
				platform.sign(platform.resourceLinkClaims(nonce), {
					key: await newPlatformKey(),
					kid: platform.currentKey().kid
				})
		},
		{
			name: 'unknown kid',
			status: 401,
			says: 'unknown kid',
			token: async (nonce) =>
				platform.sign(platform.resourceLinkClaims(nonce), { key: await newPlatformKey('not-published') })
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
			platform.deepLinkingClaims(nonce, {
				[`${LTI}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner']
			})
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

describe('/lti/login rate limit: one address cannot fill the state table', () => {
	it('refuses with 429, storing nothing, once an address has started the most logins a minute allows', async () => {
		// As if this machine (the server sees it in one of these forms) had just started that many logins.
		const buckets = ['127.0.0.1', '::ffff:127.0.0.1', '::1'].map(loginBucket);
		await app.store.recordEvents(Array.from({ length: LOGIN_RULE.perAddress }, () => buckets).flat(), Date.now());
		const before = rowCounts();
		const query = new URLSearchParams({ iss: platform.issuer, login_hint: 'hint', client_id: platform.clientId });
		const refused = await new Client(app.baseUrl).get(`/lti/login?${query}`);
		expect(refused.status).toBe(429);
		expect(await refused.text()).toContain('too many logins');
		expect(rowCounts()).toEqual(before);

		// The window passes (its events are gone): logins start again.
		await app.store.pruneEvents(Date.now() + 1);
		await login(new Client(app.baseUrl));
	});
});
