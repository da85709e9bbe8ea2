/**
 * What every outbox test starts from: the tool's keys, a fake clock, a fresh simulated gradebook
 * and a fresh classroom database per test, an outbox built as the server builds one, and a
 * learner's hand-in to enqueue.
 */
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { createScoreOutbox, type ScoreToSend } from '$lib/server/lti/ags/outbox';
import { SqliteOutboxStore, type OutboxStore } from '$lib/server/lti/ags/outbox-store';
import { startGradebook, type Gradebook } from '../../../../fixtures/lti/gradebook';
import { FakeClock, TempDatabase, toolKeys, type ToolKeys } from './harness';

export const CLIENT_ID = 'outbox-client';
/** With random() = 0.5 the first wait is 750 ms: half of 1 s fixed, a quarter from the jitter. */
export const FIRST_WAIT = 750;

export interface OutboxContext {
	keys: ToolKeys;
	clock: FakeClock;
	gradebook: Gradebook;
	database: TempDatabase;
	/** An outbox as the server builds one, on whatever database is open now. */
	outboxOn(store?: OutboxStore): { outbox: ReturnType<typeof createScoreOutbox>; store: OutboxStore };
	handIn(userId: string, scoreGiven: number, overrides?: Partial<ScoreToSend>): ScoreToSend;
}

/** Registers the hooks; the returned object's fields are fresh in each test. */
export function useOutboxContext(): OutboxContext {
	const context = {
		outboxOn(store: OutboxStore = new SqliteOutboxStore(context.database.repository.database)) {
			const tokens = createAccessTokenClient({ signingKey: context.keys.signingKey, now: context.clock.now });
			const outbox = createScoreOutbox({ store, tokens, clock: context.clock, random: () => 0.5 });
			return { outbox, store };
		},
		handIn(userId: string, scoreGiven: number, overrides: Partial<ScoreToSend> = {}): ScoreToSend {
			return {
				platform: { issuer: 'https://lms.example', clientId: CLIENT_ID, tokenUrl: context.gradebook.tokenUrl },
				lineItemUrl: context.gradebook.lineItemUrl('assignment-1', 'type_id=3'),
				userId,
				scoreGiven,
				scoreMaximum: 100,
				activityProgress: 'InProgress',
				gradingProgress: 'FullyGraded',
				timestamp: context.clock.now(),
				...overrides
			};
		}
	} as OutboxContext; // keys, clock, gradebook and database are set by the hooks below, before any test

	beforeAll(async () => {
		context.keys = await toolKeys();
	});
	beforeEach(async () => {
		context.clock = new FakeClock();
		context.gradebook = await startGradebook({
			clientId: CLIENT_ID,
			toolKeySet: context.keys.keySet,
			now: context.clock.now
		});
		context.database = new TempDatabase();
	});
	afterEach(async () => {
		await context.gradebook.close();
		context.database.remove();
	});
	return context;
}
