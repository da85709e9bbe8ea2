/**
 * verifyLaunch against the simulated platform's key set over loopback HTTP: the key set is fetched
 * once and kept, and fetched again when the platform signs with a key it has just added.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStores, type ClassroomRepository } from '$lib/server/db';
import { remoteKeySet, verifyLaunch, type LaunchDependencies } from '$lib/server/lti/launch';
import { parsePlatforms, PlatformRegistry, type Platform } from '$lib/server/lti/platforms';
import type { LtiStore } from '$lib/server/lti/store';
import { startPlatform, type SimulatedPlatform } from '../../../fixtures/lti/platform';

let platform: SimulatedPlatform;
let registered: Platform;
beforeAll(async () => {
	platform = await startPlatform();
	[registered] = parsePlatforms('test', JSON.stringify({ platforms: [platform.registration()] })) as [Platform];
});
afterAll(async () => {
	await platform?.close();
});

let dataDir: string;
let classroom: ClassroomRepository;
let lti: LtiStore;
let deps: LaunchDependencies;
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-launch-'));
	({ classroom, lti } = openStores(dataDir));
	// No cooldown here, so the refetch on a new kid is seen at once (production waits 30 s between refetches).
	const keySet: JWTVerifyGetKey = createRemoteJWKSet(new URL(platform.jwksUrl), { cooldownDuration: 0 });
	deps = { store: lti, registry: new PlatformRegistry([registered]), keySet: () => keySet, now: Date.now };
});
afterEach(() => {
	classroom.close();
	rmSync(dataDir, { recursive: true, force: true });
});

let logins = 0;
async function loginState(): Promise<{ state: string; nonce: string }> {
	logins++;
	const value = { state: `state-${logins}`, nonce: `nonce-${logins}` };
	await lti.saveState({
		...value,
		issuer: platform.issuer,
		clientId: platform.clientId,
		createdAt: Date.now(),
		expiresAt: Date.now() + 60_000
	});
	return value;
}

describe('verifyLaunch and the platform key set', () => {
	it('fetches the key set once, then refetches when the platform signs with a new key', async () => {
		const first = await loginState();
		const fetchesBefore = platform.jwksRequests;
		const launched = await verifyLaunch(
			{ idToken: await platform.sign(platform.resourceLinkClaims(first.nonce)), state: first.state },
			deps
		);
		expect(launched).toMatchObject({ ok: true, message: { type: 'LtiResourceLinkRequest' } });
		const second = await loginState();
		await verifyLaunch(
			{ idToken: await platform.sign(platform.resourceLinkClaims(second.nonce)), state: second.state },
			deps
		);
		expect(platform.jwksRequests - fetchesBefore).toBe(1);

		const rotated = await platform.rotateKey();
		const third = await loginState();
		const afterRotation = await verifyLaunch(
			{ idToken: await platform.sign(platform.resourceLinkClaims(third.nonce), { key: rotated }), state: third.state },
			deps
		);
		expect(afterRotation.ok).toBe(true);
		expect(platform.jwksRequests - fetchesBefore).toBe(2);
	});

	it('answers 502 when the platform key set cannot be fetched, storing nothing', async () => {
		const unreachable = { ...registered, jwksUrl: 'http://127.0.0.1:9/jwks' };
		const login = await loginState();
		const result = await verifyLaunch(
			{ idToken: await platform.sign(platform.resourceLinkClaims(login.nonce)), state: login.state },
			{ ...deps, registry: new PlatformRegistry([unreachable]), keySet: remoteKeySet }
		);
		expect(result).toMatchObject({ ok: false, status: 502 });
		expect(await lti.findState(login.state, Date.now())).toBeDefined();
	});

	it('keeps one remote key set per platform key set URL', () => {
		expect(remoteKeySet(registered)).toBe(remoteKeySet({ ...registered }));
	});
});
