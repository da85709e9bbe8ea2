/** The cap on LMS logins per client address, on a real SQLite store's counters. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository, type ClassroomRepository } from '$lib/server/db';
import { LoginLimiter } from '$lib/server/lti/login-limit';

let dataDir: string;
let store: ClassroomRepository;
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-login-limit-'));
	store = openRepository(dataDir);
});
afterEach(async () => {
	await store.close();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('LoginLimiter', () => {
	it('allows an address its logins of a minute, then refuses it alone until the minute has passed', async () => {
		const now = 1_000_000;
		const logins = new LoginLimiter(() => store, { perAddress: 3, windowMs: 60_000 });
		for (let i = 0; i < 3; i++) {
			expect(await logins.allows('school', now + i)).toBe(true);
			await logins.recordLogin('school', now + i);
		}
		expect(await logins.allows('school', now + 10)).toBe(false);
		expect(await logins.allows('elsewhere', now + 10)).toBe(true);
		// The first login has left the window once a full minute has passed since it.
		expect(await logins.allows('school', now + 60_001)).toBe(true);
	});
});
