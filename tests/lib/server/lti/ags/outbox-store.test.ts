/**
 * The score outbox's store, run against both engines (SQLite in a temp folder, PostgreSQL on a
 * throwaway cluster): what it keeps, in what order, and, on PostgreSQL, that app processes sharing
 * the table do not take the same due score at once. The worker's behaviour on top of the store is
 * in outbox.test.ts and outbox-refusals.test.ts.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClassroomRepository, Stores } from '$lib/server/db';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { createScoreOutbox } from '$lib/server/lti/ags/outbox';
import type { NewOutboxEntry, OutboxStore } from '$lib/server/lti/ags/outbox-store';
import { OUTBOX_LEASE_MS } from '$lib/server/db/postgres/postgres-outbox-store';
import { startGradebook } from '../../../../fixtures/lti/gradebook';
import { postgresBackend, sqliteBackend } from '../../db/store-backends';
import { FakeClock, toolKeys } from './harness';

const T0 = Date.UTC(2026, 11, 3, 9, 0, 0, 0);

/** A score for `userId` on line item `item`, given at `T0 + at`. */
function entry(userId: string, at: number, item = 'item-1', scoreGiven = 50): NewOutboxEntry {
	return {
		platform: { issuer: 'https://lms.example', clientId: 'client', tokenUrl: 'https://lms.example/token' },
		lineItemUrl: `https://lms.example/lineitems/${item}`,
		userId,
		score: {
			userId,
			scoreGiven,
			scoreMaximum: 100,
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded',
			timestamp: new Date(T0 + at).toISOString()
		},
		enqueuedAt: T0 + at
	};
}

// One PostgreSQL cluster for the whole file.
const postgres = postgresBackend();
const backends = [sqliteBackend(), postgres].map((backend) => [backend.name, backend] as const);
beforeAll(() => Promise.all(backends.map(([, backend]) => backend.setUp())), 60_000);
afterAll(() => Promise.all(backends.map(([, backend]) => backend.tearDown())));

describe.each(backends)('the score outbox store on %s', (_name, backend) => {
	let stores: Stores;
	let store: OutboxStore;

	beforeEach(async () => {
		stores = await backend.openStores();
		store = stores.outbox;
	});
	afterEach(() => stores.classroom.close());

	it('keeps scores oldest first, with their platform and score as given', async () => {
		const first = await store.enqueue(entry('u1', 0));
		const second = await store.enqueue({
			...entry('u2', 10),
			platform: { ...entry('u2', 10).platform, tokenAudience: 'https://lms.example/aud' }
		});
		expect(first).toEqual({ id: expect.any(Number), superseded: 0, stored: true });
		expect(second.id).toBeGreaterThan(first.id);
		const waiting = await store.waiting();
		expect(waiting).toEqual([
			{ ...entry('u1', 0), id: first.id, attempts: 0, nextAttemptAt: T0, lastError: null, failedAt: null },
			{
				...entry('u2', 10),
				platform: { ...entry('u2', 10).platform, tokenAudience: 'https://lms.example/aud' },
				id: second.id,
				attempts: 0,
				nextAttemptAt: T0 + 10,
				lastError: null,
				failedAt: null
			}
		]);
		expect(await store.nextDueAt()).toBe(T0);
	});

	it('keeps only the newest waiting score per line item and user', async () => {
		await store.enqueue(entry('u1', 0));
		await store.enqueue(entry('u1', 0, 'item-2'));
		const newer = await store.enqueue(entry('u1', 20, 'item-1', 70));
		expect(newer).toMatchObject({ superseded: 1, stored: true });
		// A score older than the waiting one arrives late: the newer one stays.
		expect(await store.enqueue(entry('u1', 10, 'item-1', 60))).toEqual({ id: newer.id, superseded: 0, stored: false });
		expect((await store.waiting()).map((waiting) => [waiting.lineItemUrl.slice(-6), waiting.score.scoreGiven])).toEqual(
			[
				['item-2', 50],
				['item-1', 70]
			]
		);
	});

	it('hands out due scores oldest first up to the limit, and records retries, give-ups and deliveries', async () => {
		const ids: number[] = [];
		for (const user of ['u1', 'u2', 'u3']) ids.push((await store.enqueue(entry(user, 0))).id);
		expect(await store.due(T0 - 1, 10)).toEqual([]);
		expect((await store.due(T0, 2)).map((due) => due.id)).toEqual(ids.slice(0, 2));
		const [a = 0, b = 0, c = 0] = ids;
		await store.retryLater(a, { attempts: 1, nextAttemptAt: T0 + 5_000, error: 'answered 503' });
		await store.giveUp(b, { attempts: 1, at: T0 + 1, error: 'answered 404' });
		await store.delivered(c);
		expect(await store.waiting()).toEqual([
			expect.objectContaining({ id: a, attempts: 1, nextAttemptAt: T0 + 5_000, lastError: 'answered 503' })
		]);
		expect(await store.failed()).toEqual([
			expect.objectContaining({ id: b, attempts: 1, failedAt: T0 + 1, lastError: 'answered 404' })
		]);
		expect(await store.nextDueAt()).toBe(T0 + 5_000);
		// A given-up score stays given up, and a newer score for it waits beside it.
		await store.retryLater(b, { attempts: 2, nextAttemptAt: T0, error: 'late' });
		expect(await store.enqueue(entry('u2', 30))).toMatchObject({ superseded: 0, stored: true });
		expect((await store.failed()).map((failed) => failed.lastError)).toEqual(['answered 404']);
	});

	it('keeps what waits across a restart', async () => {
		const { id } = await store.enqueue(entry('u1', 0));
		await stores.classroom.close();
		stores = await backend.reopenStores();
		expect((await stores.outbox.waiting()).map((waiting) => waiting.id)).toEqual([id]);
		// New ids still come after the old ones.
		expect((await stores.outbox.enqueue(entry('u2', 0))).id).toBeGreaterThan(id);
	});
});

describe('the score outbox store on PostgreSQL, shared by app processes', () => {
	const backend = postgres;
	let processes: Stores[] = [];
	const stores = (index: number): Stores => {
		const found = processes[index];
		if (!found) throw new Error(`no process ${index}`);
		return found;
	};
	const classrooms = (): ClassroomRepository[] => processes.map((opened) => opened.classroom);

	beforeEach(async () => {
		processes = [await backend.openStores()];
		processes.push(await backend.reopenStores());
	});
	afterEach(async () => {
		await Promise.all(classrooms().map((classroom) => classroom.close()));
	});

	it('never hands the same due score to two processes at once, and every score to one of them', async () => {
		const ids: number[] = [];
		for (let user = 0; user < 20; user++) ids.push((await stores(0).outbox.enqueue(entry(`u${user}`, user))).id);
		const [first, second] = await Promise.all([stores(0).outbox.due(T0 + 100, 15), stores(1).outbox.due(T0 + 100, 15)]);
		const taken = [...(first ?? []), ...(second ?? [])].map((due) => due.id);
		expect(new Set(taken).size).toBe(taken.length);
		expect([...taken].sort((a, b) => a - b)).toEqual(ids);
		// Each process got its share oldest first, with the entry as it was before the lease.
		for (const batch of [first ?? [], second ?? []]) {
			const batchIds = batch.map((due) => due.id);
			expect(batchIds).toEqual([...batchIds].sort((a, b) => a - b));
			for (const due of batch) expect(due.nextAttemptAt).toBe(due.enqueuedAt);
		}
	});

	it('hands a score out again once the lease runs out (a process died while sending it: at least once)', async () => {
		const { id } = await stores(0).outbox.enqueue(entry('u1', 0));
		expect((await stores(0).outbox.due(T0, 10)).map((due) => due.id)).toEqual([id]);
		// Process 0 dies without reporting.
		expect(await stores(1).outbox.due(T0 + OUTBOX_LEASE_MS - 1, 10)).toEqual([]);
		expect(await stores(1).outbox.nextDueAt()).toBe(T0 + OUTBOX_LEASE_MS);
		expect((await stores(1).outbox.due(T0 + OUTBOX_LEASE_MS, 10)).map((due) => due.id)).toEqual([id]);
		await stores(1).outbox.delivered(id);
		expect(await stores(0).outbox.waiting()).toEqual([]);
	});

	it('has two processes’ workers deliver every waiting score to the gradebook once between them', async () => {
		const keys = await toolKeys();
		const clock = new FakeClock(T0);
		const gradebook = await startGradebook({ clientId: 'client', toolKeySet: keys.keySet, now: clock.now });
		try {
			const workers = processes.map(({ outbox: store }) =>
				createScoreOutbox({
					store,
					tokens: createAccessTokenClient({ signingKey: keys.signingKey, now: clock.now }),
					clock,
					random: () => 0.5,
					batchSize: 4
				})
			);
			const users = Array.from({ length: 12 }, (_, index) => `learner-${index}`);
			for (const [index, user] of users.entries())
				await workers[index % 2]?.enqueueScore({
					platform: { issuer: 'https://lms.example', clientId: 'client', tokenUrl: gradebook.tokenUrl },
					lineItemUrl: gradebook.lineItemUrl('item'),
					userId: user,
					scoreGiven: index,
					scoreMaximum: 100,
					activityProgress: 'Completed',
					gradingProgress: 'FullyGraded',
					timestamp: clock.now()
				});
			// Passes of both at once, until nothing is left.
			while ((await processes[0]?.outbox.waiting())?.length)
				await Promise.all(workers.map((worker) => worker?.deliverDue()));
			expect(gradebook.scores.map((score) => score.body.userId).sort()).toEqual([...users].sort());
		} finally {
			await gradebook.close();
		}
	});

	it('keeps only the newest score when two processes enqueue for one learner at once', async () => {
		const results = await Promise.all(
			Array.from({ length: 10 }, (_, index) =>
				stores(index % 2).outbox.enqueue(entry('u1', index * 10, 'item-1', index))
			)
		);
		const waiting = await stores(0).outbox.waiting();
		expect(waiting.map((kept) => kept.score.scoreGiven)).toEqual([9]);
		expect(results.filter((result) => result.stored).length).toBeGreaterThanOrEqual(1);
	});
});
