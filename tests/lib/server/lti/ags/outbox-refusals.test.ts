/**
 * The score outbox when the platform says no: a refused token, a 401, a score it will never take;
 * and only the newest score per line item and user is sent.
 */
import { describe, expect, it } from 'vitest';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { backoffDelay, createScoreOutbox, DEFAULT_BACKOFF } from '$lib/server/lti/ags/outbox';
import { FIRST_WAIT, useOutboxContext } from './outbox-context';

const ctx = useOutboxContext();

describe('refusals', () => {
	it('on 401, drops the cached token and sends once more with a new one', async () => {
		const { outbox } = ctx.outboxOn();
		await outbox.enqueueScore(ctx.handIn('ada', 10));
		await outbox.deliverDue();
		ctx.gradebook.revokeTokens();
		ctx.clock.advance(1);
		await outbox.enqueueScore(ctx.handIn('ada', 20));

		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
		expect(ctx.gradebook.tokens).toHaveLength(2);
		expect(ctx.gradebook.refused).toEqual([
			{ path: '/lineitems/assignment-1/scores', status: 401, reason: expect.any(String) }
		]);
		expect(ctx.gradebook.result('assignment-1', 'ada')?.scoreGiven).toBe(20);
	});

	it('on a second 401, waits and tries again later instead of giving up', async () => {
		const { outbox, store } = ctx.outboxOn();
		ctx.gradebook.failNext('score', 401, 2);
		await outbox.enqueueScore(ctx.handIn('ada', 10));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
		expect(ctx.gradebook.tokens).toHaveLength(2);
		expect((await store.waiting())[0]).toMatchObject({ attempts: 1, lastError: expect.stringMatching(/401/) });
		ctx.clock.advance(FIRST_WAIT);
		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
	});

	it('gives up on another 4xx, keeping the score and the platform’s answer', async () => {
		const { outbox, store } = ctx.outboxOn();
		const events: string[] = [];
		const watched = createScoreOutbox({
			store,
			tokens: createAccessTokenClient({ signingKey: ctx.keys.signingKey, now: ctx.clock.now }),
			clock: ctx.clock,
			onEvent: (event) => events.push(event.type)
		});
		ctx.gradebook.deleteLineItem('assignment-1');
		await watched.enqueueScore(ctx.handIn('ada', 10));
		expect(await watched.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 1 });
		expect(events).toEqual(['failed']);
		expect(await store.waiting()).toEqual([]);
		expect(await store.failed()).toMatchObject([
			{
				userId: 'ada',
				attempts: 1,
				failedAt: ctx.clock.now(),
				lastError: expect.stringMatching(/answered 404: .*no such line item/)
			}
		]);
		// Never sent again.
		ctx.clock.advance(3600_000);
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 0, failed: 0 });
		expect(ctx.gradebook.refused).toHaveLength(1);
	});

	it('keeps scores waiting while the token endpoint refuses the tool, and sends them once it is fixed', async () => {
		const { outbox, store } = ctx.outboxOn();
		ctx.gradebook.failNext('token', 400);
		await outbox.enqueueScore(ctx.handIn('ada', 10));
		expect(await outbox.deliverDue()).toEqual({ delivered: 0, retried: 1, failed: 0 });
		expect((await store.waiting())[0]?.lastError).toMatch(/no access token: token request to .* answered 400/);
		ctx.clock.advance(FIRST_WAIT);
		expect(await outbox.deliverDue()).toEqual({ delivered: 1, retried: 0, failed: 0 });
	});
});

describe('only the newest score per line item and user', () => {
	it('replaces older waiting scores and drops an older one that comes late', async () => {
		const { outbox, store } = ctx.outboxOn();
		await ctx.gradebook.setDown('unavailable');
		const start = ctx.clock.now();
		expect(await outbox.enqueueScore(ctx.handIn('ada', 10))).toMatchObject({ superseded: 0, stored: true });
		await outbox.deliverDue();
		ctx.clock.advance(1);
		expect(await outbox.enqueueScore(ctx.handIn('ada', 20))).toMatchObject({ superseded: 1, stored: true });
		ctx.clock.advance(1);
		const newest = await outbox.enqueueScore(ctx.handIn('ada', 30, { activityProgress: 'Completed' }));
		expect(newest).toMatchObject({ superseded: 1, stored: true });
		// A score reached before the newest one (a slow request) does not replace it.
		expect(await outbox.enqueueScore(ctx.handIn('ada', 25, { timestamp: start + 1 }))).toEqual({
			id: newest.id,
			superseded: 0,
			stored: false
		});
		// Other users and other line items are separate.
		await outbox.enqueueScore(ctx.handIn('ben', 5));
		await outbox.enqueueScore(ctx.handIn('ada', 7, { lineItemUrl: ctx.gradebook.lineItemUrl('assignment-2') }));

		expect((await store.waiting()).map((entry) => [entry.userId, entry.score.scoreGiven])).toEqual([
			['ada', 30],
			['ben', 5],
			['ada', 7]
		]);
		await ctx.gradebook.setDown(false);
		expect(await outbox.deliverDue()).toEqual({ delivered: 3, retried: 0, failed: 0 });
		expect(
			ctx.gradebook.scores.filter((score) => score.lineItem === 'assignment-1' && score.body.userId === 'ada')
		).toEqual([
			expect.objectContaining({ body: expect.objectContaining({ scoreGiven: 30, activityProgress: 'Completed' }) })
		]);
	});

	it('does not replace a score already given up on', async () => {
		const { outbox, store } = ctx.outboxOn();
		ctx.gradebook.failNext('score', 400);
		await outbox.enqueueScore(ctx.handIn('ada', 10));
		await outbox.deliverDue();
		ctx.clock.advance(1);
		expect(await outbox.enqueueScore(ctx.handIn('ada', 20))).toMatchObject({ superseded: 0, stored: true });
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
