/**
 * The score outbox against the simulated gradebook, on a fake clock and a real SQLite file:
 * delivery, the platform down during a hand-in, a restart, a refused token, a refused score,
 * and only the newest score per line item and user.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseFile } from '$lib/server/db';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { backoffDelay, createScoreOutbox, DEFAULT_BACKOFF, type ScoreToSend } from '$lib/server/lti/ags/outbox';
import { SqliteOutboxStore, type OutboxStore } from '$lib/server/lti/ags/outbox-store';
import { startGradebook, type Gradebook } from '../../../../fixtures/lti/gradebook';
import { FakeClock, TempDatabase, toolKeys, type ToolKeys } from './harness';

const CLIENT_ID = 'outbox-client';
/** With random() = 0.5 the first wait is 750 ms: half of 1 s fixed, a quarter from the jitter. */
const FIRST_WAIT = 750;

let keys: ToolKeys;
let clock: FakeClock;
let gradebook: Gradebook;
let database: TempDatabase;

beforeAll(async () => {
	keys = await toolKeys();
});
beforeEach(async () => {
	clock = new FakeClock();
	gradebook = await startGradebook({ clientId: CLIENT_ID, toolKeySet: keys.keySet, now: clock.now });
	database = new TempDatabase();
});
afterEach(async () => {
	await gradebook.close();
	database.remove();
});

/** An outbox as the server builds one, on whatever database is open now. */
function outboxOn(store: OutboxStore = new SqliteOutboxStore(database.repository.database)) {
	const tokens = createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now });
	const outbox = createScoreOutbox({ store, tokens, clock, random: () => 0.5 });
	return { outbox, store };
}

function handIn(userId: string, scoreGiven: number, overrides: Partial<ScoreToSend> = {}): ScoreToSend {
	return {
		platform: { issuer: 'https://lms.example', clientId: CLIENT_ID, tokenUrl: gradebook.tokenUrl },
		lineItemUrl: gradebook.lineItemUrl('assignment-1', 'type_id=3'),
		userId,
		scoreGiven,
		scoreMaximum: 100,
		activityProgress: 'InProgress',
		gradingProgress: 'FullyGraded',
		timestamp: clock.now(),
		...overrides
	};
}

describe('delivering scores', () => {
	it('commits the score before enqueueScore returns, then delivers it and forgets it', async () => {
		const { outbox, store } = outboxOn();
		await outbox.enqueueScore(handIn('ada', 40));

		// Another connection to the file sees the row: it is committed, not just in memory.
		const reader = new Database(databaseFile(database.dir), { readonly: true });
		const rows = reader.prepare('SELECT user_id, line_item_url FROM lti_score_outbox').all();
		reader.close();
		expect(rows).toEqual([{ user_id: 'ada', line_item_url: gradebook.lineItemUrl('assignment-1', 'type_id=3') }]);

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
		expect(gradebook.result('assignment-1', 'ada')).toEqual({
			userId: 'ada',
			scoreGiven: 40,
			scoreMaximum: 100,
			timestamp: new Date(clock.now()).toISOString(),
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded'
		});
		expect(gradebook.scores.map((score) => score.query)).toEqual(['?type_id=3']);
		expect(await store.waiting()).toEqual([]);
	});

	it('delivers oldest first and reuses one token for all of them', async () => {
		const { outbox } = outboxOn();
		for (const [index, user] of ['ada', 'ben', 'cy'].entries()) {
			await outbox.enqueueScore(handIn(user, 10 * index, { lineItemUrl: gradebook.lineItemUrl(`item-${index % 2}`) }));
			clock.advance(1);
		}
		expect(await outbox.deliverDue()).toEqual({ delivered: 3, retried: 0, failed: 0 });
		expect(gradebook.scores.map((score) => [score.lineItem, score.body.userId])).toEqual([
			['item-0', 'ada'],
			['item-1', 'ben'],
			['item-0', 'cy']
		]);
		expect(gradebook.tokens).toHaveLength(1);
	});

	it('refuses a score it could never send, storing nothing', async () => {
		const { outbox, store } = outboxOn();
		await expect(outbox.enqueueScore(handIn('ada', 10, { lineItemUrl: 'not a url' }))).rejects.toThrow(/URL/);
		await expect(outbox.enqueueScore(handIn('ada', 10, { scoreMaximum: undefined }))).rejects.toThrow(/scoreMaximum/);
		expect(await store.waiting()).toEqual([]);
	});
});

describe('a platform that is down', () => {
	it.each(['unavailable', 'refused'] as const)(
		'during a hand-in (%s): the score arrives after it comes back',
		async (mode) => {
			const { outbox, store } = outboxOn();
			await gradebook.setDown(mode);
			await outbox.enqueueScore(handIn('ada', 60));

			expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
			const [waiting] = await store.waiting();
			expect(waiting).toMatchObject({
				attempts: 1,
				nextAttemptAt: clock.now() + FIRST_WAIT,
				lastError: mode === 'unavailable' ? expect.stringMatching(/503/) : expect.stringMatching(/ECONNREFUSED/)
			});

			await gradebook.setDown(false);
			// Not due yet: the back-off holds even though the platform is back.
			expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
			clock.advance(FIRST_WAIT);
			expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
			expect(gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(60);
			expect(await store.waiting()).toEqual([]);
		}
	);

	it('is asked once per pass, not once per waiting score', async () => {
		const { outbox, store } = outboxOn();
		await gradebook.setDown('unavailable');
		for (const user of ['ada', 'ben', 'cy']) await outbox.enqueueScore(handIn(user, 50));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 3, failed: 0 });
		expect(gradebook.refused).toHaveLength(1);
		const waiting = await store.waiting();
		expect(waiting.map((entry) => entry.nextAttemptAt)).toEqual(Array(3).fill(clock.now() + FIRST_WAIT));
		expect(waiting.map((entry) => entry.attempts)).toEqual([1, 0, 0]);
	});

	it('holds back only the registration the token endpoint refused, not others on the same LMS', async () => {
		const { outbox, store } = outboxOn();
		const stranger = { issuer: 'https://lms.example', clientId: 'unregistered-client', tokenUrl: gradebook.tokenUrl };
		await outbox.enqueueScore(handIn('ada', 10, { platform: stranger }));
		await outbox.enqueueScore(handIn('ben', 20, { platform: stranger }));
		await outbox.enqueueScore(handIn('cy', 30));

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 2, failed: 0 });
		expect(gradebook.result('assignment-1', 'cy')?.scoreGiven).toBe(30);
		// One token request for the stranger: its second score waited without asking again.
		expect(gradebook.refused).toEqual([
			{ path: '/token', status: 401, reason: expect.stringMatching(/invalid_client/) }
		]);
		expect((await store.waiting()).map((entry) => [entry.userId, entry.attempts, entry.lastError])).toEqual([
			['ada', 1, expect.stringMatching(/no access token: .*answered 401/)],
			['ben', 0, expect.stringMatching(/not sent: no access token/)]
		]);
	});

	it('waits longer after each failure, up to five minutes, and as long as Retry-After asks', async () => {
		const { outbox, store } = outboxOn();
		await gradebook.setDown('unavailable');
		await outbox.enqueueScore(handIn('ada', 10));
		const waits: number[] = [];
		for (let attempt = 0; attempt < 11; attempt += 1) {
			const before = clock.now();
			await outbox.deliverDue();
			const [entry] = await store.waiting();
			waits.push((entry?.nextAttemptAt ?? 0) - before);
			clock.advance(waits.at(-1) ?? 0);
		}
		expect(waits).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000]);

		await gradebook.setDown(false);
		gradebook.failNext('token', 429, 1, { 'retry-after': '280' });
		await outbox.deliverDue();
		expect((await store.waiting())[0]?.nextAttemptAt).toBe(clock.now() + 280_000);
	});

	it('with the worker running: retried on its own once it is back, and stop() leaves nothing scheduled', async () => {
		const { outbox, store } = outboxOn();
		outbox.start();
		await gradebook.setDown('refused');
		await outbox.enqueueScore(handIn('ada', 70));
		clock.advance(0);
		await outbox.idle();
		expect((await store.waiting())[0]?.attempts).toBe(1);

		await gradebook.setDown(false);
		clock.advance(FIRST_WAIT);
		await vi.waitFor(() => expect(gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(70), { interval: 5 });
		await outbox.idle();
		expect(await store.waiting()).toEqual([]);
		await outbox.stop();
		expect(clock.pendingTimers).toBe(0);

		// Stopped: a new score is stored but not sent.
		await outbox.enqueueScore(handIn('ben', 10));
		clock.advance(60_000);
		await outbox.idle();
		expect(gradebook.result('assignment-1', 'ben')).toBeUndefined();
		expect(await store.waiting()).toHaveLength(1);
	});
});

describe('a restart', () => {
	it('delivers what was still waiting when the server stopped', async () => {
		const first = outboxOn();
		first.outbox.start();
		await gradebook.setDown('unavailable');
		await first.outbox.enqueueScore(handIn('ada', 20));
		await first.outbox.enqueueScore(handIn('ben', 30, { activityProgress: 'Completed' }));
		clock.advance(0);
		await first.outbox.idle();
		expect(gradebook.scores).toEqual([]);
		await first.outbox.stop();

		database.reopen();
		await gradebook.setDown(false);
		const second = outboxOn();
		expect((await second.store.waiting()).map((entry) => entry.userId)).toEqual(['ada', 'ben']);
		clock.advance(FIRST_WAIT);
		second.outbox.start();
		clock.advance(0);
		await vi.waitFor(() => expect(gradebook.scores).toHaveLength(2), { interval: 5 });
		await second.outbox.stop();
		expect(gradebook.result('assignment-1', 'ben')).toMatchObject({ scoreGiven: 30, activityProgress: 'Completed' });
		expect(await second.store.waiting()).toEqual([]);
	});

	it('sends a score again if it stopped between sending and forgetting it (at least once)', async () => {
		const store = new SqliteOutboxStore(database.repository.database);
		let crash = true;
		const crashing: OutboxStore = {
			enqueue: (entry) => store.enqueue(entry),
			due: (now, limit) => store.due(now, limit),
			nextDueAt: () => store.nextDueAt(),
			delivered: async (id) => {
				if (crash) throw new Error('power cut');
				return store.delivered(id);
			},
			retryLater: (id, retry) => store.retryLater(id, retry),
			giveUp: (id, failure) => store.giveUp(id, failure),
			waiting: () => store.waiting(),
			failed: () => store.failed()
		};
		const { outbox } = outboxOn(crashing);
		await outbox.enqueueScore(handIn('ada', 90));
		await expect(outbox.deliverDue()).rejects.toThrow('power cut');
		crash = false;

		const after = outboxOn();
		expect(await after.outbox.deliverDue()).toMatchObject({ delivered: 1 });
		expect(gradebook.scores).toHaveLength(2);
		expect(gradebook.scores[1]?.body).toEqual(gradebook.scores[0]?.body);
		expect(gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(90);
	});
});

describe('refusals', () => {
	it('on 401, drops the cached token and sends once more with a new one', async () => {
		const { outbox } = outboxOn();
		await outbox.enqueueScore(handIn('ada', 10));
		await outbox.deliverDue();
		gradebook.revokeTokens();
		clock.advance(1);
		await outbox.enqueueScore(handIn('ada', 20));

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
		expect(gradebook.tokens).toHaveLength(2);
		expect(gradebook.refused).toEqual([
			{ path: '/lineitems/assignment-1/scores', status: 401, reason: expect.any(String) }
		]);
		expect(gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(20);
	});

	it('on a second 401, waits and tries again later instead of giving up', async () => {
		const { outbox, store } = outboxOn();
		gradebook.failNext('score', 401, 2);
		await outbox.enqueueScore(handIn('ada', 10));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
		expect(gradebook.tokens).toHaveLength(2);
		expect((await store.waiting())[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/401/) });
		clock.advance(FIRST_WAIT);
		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
	});

	it('gives up on another 4xx, keeping the score and the platform’s answer', async () => {
		const { outbox, store } = outboxOn();
		const events: string[] = [];
		const watched = createScoreOutbox({
			store,
			tokens: createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now }),
			clock,
			onEvent: (event) => events.push(event.type)
		});
		gradebook.deleteLineItem('assignment-1');
		await watched.enqueueScore(handIn('ada', 10));
		expect(await watched.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
		expect(events).toEqual(['failed']);
		expect(await store.waiting()).toEqual([]);
		expect(await store.failed()).toMatchObject([
			{
				userId: 'ada',
				attempts: 1,
				failedAt: clock.now(),
				lastError: expect.stringMatching(/answered 404: .*no such line item/)
			}
		]);
		// Never sent again.
		clock.advance(3600_000);
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
		expect(gradebook.refused).toHaveLength(1);
	});

	it('keeps scores waiting while the token endpoint refuses the tool, and sends them once it is fixed', async () => {
		const { outbox, store } = outboxOn();
		gradebook.failNext('token', 400);
		await outbox.enqueueScore(handIn('ada', 10));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
		expect((await store.waiting())[0]?.lastError).toMatch(/no access token: token request to .* answered 400/);
		clock.advance(FIRST_WAIT);
		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
	});
});

describe('only the newest score per line item and user', () => {
	it('replaces older waiting scores and drops an older one that comes late', async () => {
		const { outbox, store } = outboxOn();
		await gradebook.setDown('unavailable');
		const start = clock.now();
		expect(await outbox.enqueueScore(handIn('ada', 10))).toMatchObject({ superseded: 0, stored: true });
		await outbox.deliverDue();
		clock.advance(1);
		expect(await outbox.enqueueScore(handIn('ada', 20))).toMatchObject({ superseded: 1, stored: true });
		clock.advance(1);
		const newest = await outbox.enqueueScore(handIn('ada', 30, { activityProgress: 'Completed' }));
		expect(newest).toMatchObject({ superseded: 1, stored: true });
		// A score reached before the newest one (a slow request) does not replace it.
		expect(await outbox.enqueueScore(handIn('ada', 25, { timestamp: start + 1 }))).toEqual({
			id: newest.id,
			superseded: 0,
			stored: false
		});
		// Other users and other line items are separate.
		await outbox.enqueueScore(handIn('ben', 5));
		await outbox.enqueueScore(handIn('ada', 7, { lineItemUrl: gradebook.lineItemUrl('assignment-2') }));

		expect((await store.waiting()).map((entry) => [entry.userId, entry.score.scoreGiven])).toEqual([
			['ada', 30],
			['ben', 5],
			['ada', 7]
		]);
		await gradebook.setDown(false);
		expect(await outbox.deliverDue()).toEqual({ delivered: 3, retried: 0, failed: 0 });
		expect(
			gradebook.scores.filter((score) => score.lineItem === 'assignment-1' && score.body.userId === 'ada')
		).toEqual([
			expect.objectContaining({ body: expect.objectContaining({ scoreGiven: 30, activityProgress: 'Completed' }) })
		]);
	});

	it('does not replace a score already given up on', async () => {
		const { outbox, store } = outboxOn();
		gradebook.failNext('score', 400);
		await outbox.enqueueScore(handIn('ada', 10));
		await outbox.deliverDue();
		clock.advance(1);
		expect(await outbox.enqueueScore(handIn('ada', 20))).toMatchObject({ superseded: 0, stored: true });
		expect(await store.failed()).toHaveLength(1);
		expect(await outbox.deliverDue()).toMatchObject({ delivered: 1 });
	});
});

describe('backoffDelay', () => {
	it('doubles from the first wait to the cap, with half of it random', () => {
		const low = [1, 2, 3, 9, 10, 30].map((attempts) => backoffDelay(attempts, DEFAULT_BACKOFF, () => 0));
		const high = [1, 2, 3, 9, 10, 30].map((attempts) => backoffDelay(attempts, DEFAULT_BACKOFF, () => 0.999_999));
		expect(low).toEqual([500, 1000, 2000, 128_000, 150_000, 150_000]);
		expect(high).toEqual([1000, 2000, 4000, 256_000, 300_000, 300_000]);
		expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0, 10 * 60_000)).toBe(300_000);
	});
});
