/** The tool's keys: made once and kept, rotated with the old key still published, retired. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores, type ClassroomRepository } from '$lib/server/db';
import {
	ensureActiveKey,
	newToolKey,
	publicKeySet,
	retireToolKey,
	rotateToolKey,
	signingKey
} from '$lib/server/lti/keys';
import type { LtiStore } from '$lib/server/lti/store';

let dataDir: string;
let classroom: ClassroomRepository;
let lti: LtiStore;
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-keys-'));
	({ classroom, lti } = openStores(dataDir));
});
afterEach(() => {
	classroom.close();
	rmSync(dataDir, { recursive: true, force: true });
});

async function signed(): Promise<string> {
	const { kid, key } = await signingKey(lti);
	return new SignJWT({ hello: 'platform' }).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
}

describe('tool keys', () => {
	it('makes one key on first use and keeps it across a reopened store', async () => {
		const [first, again] = await Promise.all([ensureActiveKey(lti), ensureActiveKey(lti)]);
		expect(again.kid).toBe(first.kid);
		classroom.close();
		({ classroom, lti } = openStores(dataDir));
		expect((await publicKeySet(lti)).keys.map((key) => key.kid)).toEqual([first.kid]);
		expect((await publicKeySet(lti)).keys[0]).not.toHaveProperty('d');
	});

	it('signs with the key another process stored first when both found none (SQLite: another handle on the file)', async () => {
		const other = openStores(dataDir);
		try {
			const theirs = await newToolKey(Date.now());
			// This process lists no key; the other process stores its own just before this one tries.
			let listed = 0;
			const racing: LtiStore = {
				...lti,
				listToolKeys: async () => (listed++ === 0 ? [] : lti.listToolKeys()),
				addFirstToolKey: async (key) => {
					expect(await other.lti.addFirstToolKey(theirs)).toBe(true);
					return lti.addFirstToolKey(key);
				}
			};
			expect((await ensureActiveKey(racing)).kid).toBe(theirs.kid);
			expect((await lti.listToolKeys()).map((key) => key.kid)).toEqual([theirs.kid]);
		} finally {
			other.classroom.close();
		}
	});

	it('rotates: the new key signs, the old one stays published until retired', async () => {
		const old = await ensureActiveKey(lti);
		const oldToken = await signed();
		const fresh = await rotateToolKey(lti, Date.now() + 1);
		const both = await publicKeySet(lti);
		expect(both.keys.map((key) => key.kid)).toEqual([old.kid, fresh.kid]);
		// What the old key signed before the rotation still verifies; new tokens carry the new kid.
		await expect(jwtVerify(oldToken, createLocalJWKSet(both))).resolves.toBeDefined();
		const { protectedHeader } = await jwtVerify(await signed(), createLocalJWKSet(both));
		expect(protectedHeader.kid).toBe(fresh.kid);

		expect(await retireToolKey(lti, old.kid)).toBe(true);
		const after = await publicKeySet(lti);
		expect(after.keys.map((key) => key.kid)).toEqual([fresh.kid]);
		await expect(jwtVerify(oldToken, createLocalJWKSet(after))).rejects.toThrow();
		await expect(retireToolKey(lti, fresh.kid)).rejects.toThrow('only active key');
		expect(await retireToolKey(lti, old.kid)).toBe(false);
	});
});
