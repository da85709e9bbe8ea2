/** Access tokens from the simulated platform: what the request carries, and when the cache asks again. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AccessTokenError,
	CLIENT_ASSERTION_TYPE,
	createAccessTokenClient,
	type TokenRequest
} from '$lib/server/lti/ags/access-token';
import { SCORE_SCOPE } from '$lib/server/lti/ags/score';
import { startGradebook, type Gradebook } from '../../../../fixtures/lti/gradebook';
import { FakeClock, toolKeys, type ToolKeys } from './harness';

const CLIENT_ID = 'backchannel-client-7';
const LINEITEM_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem';
let keys: ToolKeys;
let clock: FakeClock;
let gradebook: Gradebook;

beforeAll(async () => {
	keys = await toolKeys();
	clock = new FakeClock();
	gradebook = await startGradebook({
		clientId: CLIENT_ID,
		toolKeySet: keys.keySet,
		now: clock.now,
		tokenLifetimeSeconds: 3600
	});
});
afterAll(() => gradebook.close());

function request(scopes: string[] = [SCORE_SCOPE]): TokenRequest {
	return { tokenUrl: gradebook.tokenUrl, clientId: CLIENT_ID, scopes };
}

/** fetch that remembers each request's form body. */
function recordingFetch() {
	const forms: URLSearchParams[] = [];
	const wrapped: typeof fetch = async (input, init) => {
		forms.push(new URLSearchParams(String(init?.body)));
		return fetch(input, init);
	};
	return { fetch: wrapped, forms };
}

describe('the token request', () => {
	it('is a client-credentials grant with a JWT assertion signed by the tool’s key', async () => {
		const recording = recordingFetch();
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now, fetch: recording.fetch });
		const before = gradebook.tokens.length;

		const token = await client.get(request([SCORE_SCOPE, LINEITEM_SCOPE]));

		const [form] = recording.forms;
		expect(form && Object.fromEntries(form)).toEqual({
			grant_type: 'client_credentials',
			client_assertion_type: CLIENT_ASSERTION_TYPE,
			client_assertion: expect.any(String),
			scope: `${SCORE_SCOPE} ${LINEITEM_SCOPE}`
		});
		expect(decodeProtectedHeader(form?.get('client_assertion') ?? '')).toEqual({
			alg: 'RS256',
			kid: 'tool-key-1',
			typ: 'JWT'
		});
		// The platform verified the signature against the tool's key set and issued this token.
		const issued = gradebook.tokens.slice(before);
		expect(issued).toHaveLength(1);
		const seconds = clock.now() / 1000;
		expect(issued[0]?.assertion).toEqual({
			iss: CLIENT_ID,
			sub: CLIENT_ID,
			aud: gradebook.tokenUrl,
			iat: seconds,
			exp: seconds + 300,
			jti: expect.stringMatching(/^[0-9a-f-]{36}$/)
		});
		expect(token).toEqual({
			token: issued[0]?.token,
			expiresAt: clock.now() + 3600_000,
			scopes: [SCORE_SCOPE, LINEITEM_SCOPE]
		});
	});

	it('sends a new jti every time, so the platform never sees a replay', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		const first = await client.get(request());
		client.invalidate(request());
		const second = await client.get(request());
		expect(second.token).not.toBe(first.token);
		const jtis = gradebook.tokens.slice(-2).map((issued) => issued.assertion.jti);
		expect(new Set(jtis).size).toBe(2);
	});
});

describe('the token cache', () => {
	it('reuses a token until a minute before it expires, then asks again', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		const before = gradebook.tokens.length;
		const first = await client.get(request());
		clock.advance(3600_000 - 60_001);
		expect(await client.get(request())).toBe(first);
		expect(gradebook.tokens.length).toBe(before + 1);
		clock.advance(1);
		const renewed = await client.get(request());
		expect(renewed.token).not.toBe(first.token);
		expect(gradebook.tokens.length).toBe(before + 2);
	});

	it('keeps one token per token URL, client id and set of scopes, in any order', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		const before = gradebook.tokens.length;
		const both = await client.get(request([SCORE_SCOPE, LINEITEM_SCOPE]));
		expect(await client.get(request([LINEITEM_SCOPE, SCORE_SCOPE]))).toBe(both);
		const scoreOnly = await client.get(request([SCORE_SCOPE]));
		expect(scoreOnly.token).not.toBe(both.token);
		// Another client id registered at the same platform is another token (and here, refused).
		await expect(client.get({ ...request(), clientId: 'someone-else' })).rejects.toBeInstanceOf(AccessTokenError);
		expect(gradebook.tokens.length).toBe(before + 2);
	});

	it('makes one request for many callers at once', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		const before = gradebook.tokens.length;
		const tokens = await Promise.all([client.get(request()), client.get(request()), client.get(request())]);
		expect(new Set(tokens.map((token) => token.token)).size).toBe(1);
		expect(gradebook.tokens.length).toBe(before + 1);
	});

	it('asks again after invalidate', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		const first = await client.get(request());
		client.invalidate(request());
		expect((await client.get(request())).token).not.toBe(first.token);
	});

	it('takes the signing key from a function, so a rotated key is used from the next request', async () => {
		const rotated = await toolKeys('tool-key-2');
		let current = keys.signingKey;
		const client = createAccessTokenClient({ signingKey: () => current, now: clock.now });
		await client.get(request());
		current = rotated.signingKey;
		client.invalidate(request());
		// The platform only knows key 1, so the assertion signed with key 2 is refused: proof it was used.
		await expect(client.get(request())).rejects.toMatchObject({ status: 401, retryable: false });
		expect(gradebook.refused.at(-1)).toMatchObject({ path: '/token', status: 401 });
	});
});

describe('a platform that fetches the tool’s key set from its URL', () => {
	it('verifies the assertion against the keys served there', async () => {
		const served = createServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(keys.keySet));
		});
		await new Promise<void>((resolve) => served.listen(0, '127.0.0.1', resolve));
		const { port } = served.address() as AddressInfo;
		const remote = await startGradebook({
			clientId: CLIENT_ID,
			toolKeySet: new URL(`http://127.0.0.1:${port}/lti/keys`),
			now: clock.now
		});
		try {
			const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
			const token = await client.get({ tokenUrl: remote.tokenUrl, clientId: CLIENT_ID, scopes: [SCORE_SCOPE] });
			expect(remote.tokens.map((issued) => issued.token)).toEqual([token.token]);
		} finally {
			await remote.close();
			served.close();
		}
	});
});

describe('a refused token request', () => {
	it('is an AccessTokenError that says whether waiting may help', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		gradebook.failNext('token', 503);
		await expect(client.get(request())).rejects.toMatchObject({ status: 503, retryable: true });
		gradebook.failNext('token', 400);
		await expect(client.get(request())).rejects.toMatchObject({ status: 400, retryable: false });
		// Failures are not cached: the next call asks again and succeeds.
		await expect(client.get(request())).resolves.toMatchObject({ token: expect.any(String) });
	});

	it('counts a platform that cannot be reached as retryable', async () => {
		const client = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
		await gradebook.setDown('refused');
		try {
			const error = await client.get(request()).catch((caught: unknown) => caught);
			expect(error).toBeInstanceOf(AccessTokenError);
			expect(error).toMatchObject({ status: undefined, retryable: true, message: /ECONNREFUSED|fetch failed/ });
		} finally {
			await gradebook.setDown(false);
		}
	});

	it('refuses an answer without a bearer token', async () => {
		const answers = [
			{ token_type: 'Bearer', expires_in: 60 },
			{ access_token: 'x', token_type: 'mac', expires_in: 60 }
		];
		for (const answer of answers) {
			const client = createAccessTokenClient({
				signingKey: keys.signingKey,
				now: clock.now,
				fetch: async () => Response.json(answer)
			});
			await expect(client.get(request())).rejects.toMatchObject({ name: 'AccessTokenError', retryable: false });
		}
	});
});
