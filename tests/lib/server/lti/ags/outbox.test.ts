/**
 * The score outbox against the simulated gradebook, on a fake clock and a real SQLite file:
 * delivery, the platform down during a hand-in, stopping, and a restart.
 */
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { databaseFile } from '$lib/server/db';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { createScoreOutbox } from '$lib/server/lti/ags/outbox';
import { SqliteOutboxStore, type OutboxStore } from '$lib/server/lti/ags/outbox-store';
import { CLIENT_ID, FIRST_WAIT, useOutboxContext } from './outbox-context';

const ctx = useOutboxContext();

describe('delivering scores', () => {
	it('commits the score before enqueueScore returns, then delivers it and forgets it', async () => {
		const { outbox, store } = ctx.outboxOn();
		await outbox.enqueueScore(ctx.handIn('ada', 40));

		// Another connection to the file sees the row: it is committed, not just in memory.
		const reader = new Database(databaseFile(ctx.database.dir), { readonly: true });
		const rows = reader.prepare('SELECT user_id, line_item_url FROM lti_score_outbox').all();
		reader.close();
		expect(rows).toEqual([{ user_id: 'ada', line_item_url: ctx.gradebook.lineItemUrl('assignment-1', 'type_id=3') }]);

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
		expect(ctx.gradebook.result('assignment-1', 'ada')).toEqual({
			userId: 'ada',
			scoreGiven: 40,
			scoreMaximum: 100,
			timestamp: new Date(ctx.clock.now()).toISOString(),
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded'
		});
		expect(ctx.gradebook.scores.map((score) => score.query)).toEqual(['?type_id=3']);
		expect(await store.waiting()).toEqual([]);
	});

	it('delivers oldest first and reuses one token for all of them', async () => {
		const { outbox } = ctx.outboxOn();
		for (const [index, user] of ['ada', 'ben', 'cy'].entries()) {
			await outbox.enqueueScore(
				ctx.handIn(user, 10 * index, { lineItemUrl: ctx.gradebook.lineItemUrl(`item-${index % 2}`) })
			);
			ctx.clock.advance(1);
		}
		expect(await outbox.deliverDue()).toEqual({ delivered: 3, retried: 0, failed: 0 });
		expect(ctx.gradebook.scores.map((score) => [score.lineItem, score.body.userId])).toEqual([
			['item-0', 'ada'],
			['item-1', 'ben'],
			['item-0', 'cy']
		]);
		expect(ctx.gradebook.tokens).toHaveLength(1);
	});

	it('refuses a score it could never send, storing nothing', async () => {
		const { outbox, store } = ctx.outboxOn();
		await expect(outbox.enqueueScore(ctx.handIn('ada', 10, { lineItemUrl: 'not a url' }))).rejects.toThrow(
			/line item URL "not a url" is not an http\(s\) URL/
		);
		const ftp = { issuer: 'i', clientId: CLIENT_ID, tokenUrl: 'ftp://lms.example/token' };
		await expect(outbox.enqueueScore(ctx.handIn('ada', 10, { platform: ftp }))).rejects.toThrow(/token URL/);
		await expect(outbox.enqueueScore(ctx.handIn('ada', 10, { scoreMaximum: undefined }))).rejects.toThrow(
			/scoreMaximum/
		);
		expect(await store.waiting()).toEqual([]);
	});
});

describe('a platform that is down', () => {
	it.each(['unavailable', 'refused'] as const)(
		'during a hand-in (%s): the score arrives after it comes back',
		async (mode) => {
			const { outbox, store } = ctx.outboxOn();
			await ctx.gradebook.setDown(mode);
			await outbox.enqueueScore(ctx.handIn('ada', 60));

			expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
			const [waiting] = await store.waiting();
			expect(waiting).toMatchObject({
				attempts: 1,
				nextAttemptAt: ctx.clock.now() + FIRST_WAIT,
				lastError: mode === 'unavailable' ? expect.stringMatching(/503/) : expect.stringMatching(/ECONNREFUSED/)
			});

			await ctx.gradebook.setDown(false);
			// Not due yet: the back-off holds even though the platform is back.
			expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
			ctx.clock.advance(FIRST_WAIT);
			expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
			expect(ctx.gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(60);
			expect(await store.waiting()).toEqual([]);
		}
	);

	it('is asked once per pass, not once per waiting score', async () => {
		const { outbox, store } = ctx.outboxOn();
		await ctx.gradebook.setDown('unavailable');
		for (const user of ['ada', 'ben', 'cy']) await outbox.enqueueScore(ctx.handIn(user, 50));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 3, failed: 0 });
		expect(ctx.gradebook.refused).toHaveLength(1);
		const waiting = await store.waiting();
		expect(waiting.map((entry) => entry.nextAttemptAt)).toEqual(Array(3).fill(ctx.clock.now() + FIRST_WAIT));
		expect(waiting.map((entry) => entry.attempts)).toEqual([1, 0, 0]);
	});

	it('holds back only the registration the token endpoint refused, not others on the same LMS', async () => {
		const { outbox, store } = ctx.outboxOn();
		const stranger = {
			issuer: 'https://lms.example',
			clientId: 'unregistered-client',
			tokenUrl: ctx.gradebook.tokenUrl
		};
		await outbox.enqueueScore(ctx.handIn('ada', 10, { platform: stranger }));
		await outbox.enqueueScore(ctx.handIn('ben', 20, { platform: stranger }));
		await outbox.enqueueScore(ctx.handIn('cy', 30));

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 2, failed: 0 });
		expect(ctx.gradebook.result('assignment-1', 'cy')?.scoreGiven).toBe(30);
		// One token request for the stranger: its second score waited without asking again.
		expect(ctx.gradebook.refused).toEqual([
			{ path: '/token', status: 401, reason: expect.stringMatching(/invalid_client/) }
		]);
		expect((await store.waiting()).map((entry) => [entry.userId, entry.attempts, entry.lastError])).toEqual([
			['ada', 1, expect.stringMatching(/no access token: .*answered 401/)],
			['ben', 0, expect.stringMatching(/not sent: no access token/)]
		]);
	});

	it('waits longer after each failure, up to five minutes, and as long as Retry-After asks', async () => {
		const { outbox, store } = ctx.outboxOn();
		await ctx.gradebook.setDown('unavailable');
		await outbox.enqueueScore(ctx.handIn('ada', 10));
		const waits: number[] = [];
		for (let attempt = 0; attempt < 11; attempt += 1) {
			const before = ctx.clock.now();
			await outbox.deliverDue();
			const [entry] = await store.waiting();
			waits.push((entry?.nextAttemptAt ?? 0) - before);
			ctx.clock.advance(waits.at(-1) ?? 0);
		}
		expect(waits).toEqual([750, 1500, 3000, 6000, 12_000, 24_000, 48_000, 96_000, 192_000, 225_000, 225_000]);

		await ctx.gradebook.setDown(false);
		ctx.gradebook.failNext('token', 429, 1, { 'retry-after': '280' });
		await outbox.deliverDue();
		expect((await store.waiting())[0]?.nextAttemptAt).toBe(ctx.clock.now() + 280_000);
	});

	it('with the worker running: retried on its own once it is back, and stop() leaves nothing scheduled', async () => {
		const { outbox, store } = ctx.outboxOn();
		outbox.start();
		await ctx.gradebook.setDown('refused');
		await outbox.enqueueScore(ctx.handIn('ada', 70));
		ctx.clock.advance(0);
		await outbox.idle();
		expect((await store.waiting())[0]?.attempts).toBe(1);

		await ctx.gradebook.setDown(false);
		ctx.clock.advance(FIRST_WAIT);
		await vi.waitFor(() => expect(ctx.gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(70), { interval: 5 });
		await outbox.idle();
		expect(await store.waiting()).toEqual([]);
		await outbox.stop();
		expect(ctx.clock.pendingTimers).toBe(0);

		// Stopped: a new score is stored but not sent.
		await outbox.enqueueScore(ctx.handIn('ben', 10));
		ctx.clock.advance(60_000);
		await outbox.idle();
		expect(ctx.gradebook.result('assignment-1', 'ben')).toBeUndefined();
		expect(await store.waiting()).toHaveLength(1);
	});
});

describe('stopping', () => {
	it('waits for the score being sent, and leaves the rest of the batch waiting', async () => {
		const store = new SqliteOutboxStore(ctx.database.repository.database);
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		let posts = 0;
		const slowFetch: typeof fetch = async (input, init) => {
			if (String(input).includes('/scores')) {
				posts += 1;
				await held;
			}
			return fetch(input, init);
		};
		const tokens = createAccessTokenClient({ signingKey: ctx.keys.signingKey, now: ctx.clock.now });
		const outbox = createScoreOutbox({ store, tokens, clock: ctx.clock, fetch: slowFetch });
		for (const user of ['ada', 'ben', 'cy']) await outbox.enqueueScore(ctx.handIn(user, 10));
		outbox.start();
		ctx.clock.advance(0);
		await vi.waitFor(() => expect(posts).toBe(1), { interval: 5 });

		const stopped = outbox.stop();
		release();
		await stopped;
		expect(ctx.gradebook.scores.map((score) => score.body.userId)).toEqual(['ada']);
		expect((await store.waiting()).map((entry) => [entry.userId, entry.attempts])).toEqual([
			['ben', 0],
			['cy', 0]
		]);
	});
});

describe('a restart', () => {
	it('delivers what was still waiting when the server stopped', async () => {
		const first = ctx.outboxOn();
		first.outbox.start();
		await ctx.gradebook.setDown('unavailable');
		await first.outbox.enqueueScore(ctx.handIn('ada', 20));
		await first.outbox.enqueueScore(ctx.handIn('ben', 30, { activityProgress: 'Completed' }));
		ctx.clock.advance(0);
		await first.outbox.idle();
		expect(ctx.gradebook.scores).toEqual([]);
		await first.outbox.stop();

		ctx.database.reopen();
		await ctx.gradebook.setDown(false);
		const second = ctx.outboxOn();
		expect((await second.store.waiting()).map((entry) => entry.userId)).toEqual(['ada', 'ben']);
		ctx.clock.advance(FIRST_WAIT);
		second.outbox.start();
		ctx.clock.advance(0);
		await vi.waitFor(() => expect(ctx.gradebook.scores).toHaveLength(2), { interval: 5 });
		await second.outbox.stop();
		expect(ctx.gradebook.result('assignment-1', 'ben')).toMatchObject({
			scoreGiven: 30,
			activityProgress: 'Completed'
		});
		expect(await second.store.waiting()).toEqual([]);
	});

	it('sends a score again if it stopped between sending and forgetting it (at least once)', async () => {
		const store = new SqliteOutboxStore(ctx.database.repository.database);
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
		const { outbox } = ctx.outboxOn(crashing);
		await outbox.enqueueScore(ctx.handIn('ada', 90));
		await expect(outbox.deliverDue()).rejects.toThrow('power cut');
		crash = false;

		const after = ctx.outboxOn();
		expect(await after.outbox.deliverDue()).toMatchObject({ delivered: 1 });
		expect(ctx.gradebook.scores).toHaveLength(2);
		expect(ctx.gradebook.scores[1]?.body).toEqual(ctx.gradebook.scores[0]?.body);
		expect(ctx.gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(90);
	});
});
