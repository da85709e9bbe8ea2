import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JoinLimiter } from '$lib/server/classroom/join-limit';
import {
	addressBucket,
	delayAfter,
	GuessThrottle,
	targetBucket,
	type ThrottleRule
} from '$lib/server/classroom/rate-limit';
import { openRepository, type ClassroomRepository } from '$lib/server/db';

const RULE: ThrottleRule = { freeFailures: 3, windowMs: 60_000, firstDelayMs: 100, maxDelayMs: 1_000 };

let dataDir: string;
let store: ClassroomRepository;
let now: number;
let waited: number[];
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-limiter-'));
	store = openRepository(dataDir);
	now = 1_000_000;
	waited = [];
});
afterEach(() => {
	store.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function throttle() {
	return new GuessThrottle(
		() => store,
		RULE,
		() => now,
		async (ms) => {
			waited.push(ms);
		}
	);
}

describe('delayAfter', () => {
	it('costs nothing within the allowance, then doubles up to the cap, never refusing', () => {
		expect([0, 3, 4, 5, 6, 7, 8, 100, 10_000].map((failures) => delayAfter(failures, RULE))).toEqual([
			0, 0, 100, 200, 400, 800, 1_000, 1_000, 1_000
		]);
	});
});

describe('GuessThrottle', () => {
	it('slows an address once it has used up its free failures, and no other address', async () => {
		const guesses = throttle();
		const address = [addressBucket('10.0.0.1')];
		for (let i = 0; i < 5; i++) await guesses.failed(address);
		expect(waited).toEqual([100, 200]);
		expect(await guesses.delayMs([addressBucket('10.0.0.2')])).toBe(0);
	});

	it('counts per target too: guesses at one assignment from many addresses slow its wrong answers', async () => {
		const guesses = throttle();
		for (let i = 0; i < 4; i++) await guesses.recordFailure([addressBucket(`10.0.0.${i}`), targetBucket('a1')]);
		expect(await guesses.delayMs([addressBucket('10.0.0.9'), targetBucket('a1')])).toBe(100);
		expect(await guesses.delayMs([addressBucket('10.0.0.9'), targetBucket('a2')])).toBe(0);
	});

	it('forgets failures as they slide out of the window', async () => {
		const guesses = throttle();
		for (let i = 0; i < 5; i++) await guesses.recordFailure(['x']);
		expect(await guesses.delayMs(['x'])).toBe(200);
		now += 30_000;
		await guesses.recordFailure(['x']);
		now += 30_001;
		expect(await guesses.delayMs(['x'])).toBe(0);
	});

	it('keeps its counts in the store, so a restart forgets nothing', async () => {
		for (let i = 0; i < 6; i++) await throttle().recordFailure(['x']);
		store.close();
		store = openRepository(dataDir);
		expect(await throttle().delayMs(['x'])).toBe(400);
	});
});

describe('JoinLimiter', () => {
	it('caps joins per assignment and per address in a minute', async () => {
		const joins = new JoinLimiter(() => store, { perAssignment: 3, perAddress: 2, windowMs: 60_000 });
		await joins.recordJoin('a1', 'one', now);
		await joins.recordJoin('a1', 'one', now);
		expect(await joins.allows('a1', 'one', now)).toBe(false);
		expect(await joins.allows('a1', 'two', now)).toBe(true);
		await joins.recordJoin('a1', 'two', now);
		expect(await joins.allows('a1', 'three', now)).toBe(false);
		expect(await joins.allows('a2', 'three', now)).toBe(true);
		expect(await joins.allows('a1', 'one', now + 60_001)).toBe(true);
	});
});
