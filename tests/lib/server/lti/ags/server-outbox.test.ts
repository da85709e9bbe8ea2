/** The server's outbox as the init hook opens it: real clock, real timers, the classroom database. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initScoreOutbox, logOutboxEvent, progressScore, scoreOutbox, stopScoreOutbox } from '$lib/server/lti/ags';
import { SqliteOutboxStore } from '$lib/server/lti/ags/outbox-store';
import { startGradebook } from '../../../../fixtures/lti/gradebook';
import { TempDatabase, toolKeys } from './harness';

afterEach(() => {
	vi.restoreAllMocks();
});

describe('the server’s score outbox', () => {
	it('is opened on the classroom database, delivers on its own, and stops', async () => {
		const keys = await toolKeys();
		const gradebook = await startGradebook({ clientId: 'server-client', toolKeySet: keys.keySet });
		const database = new TempDatabase();
		try {
			expect(() => scoreOutbox()).toThrow(/initScoreOutbox/);
			initScoreOutbox({
				store: new SqliteOutboxStore(database.repository.database),
				signingKey: async () => keys.signingKey
			}).start();
			const at = Date.now();
			await scoreOutbox().enqueueScore({
				platform: { issuer: 'https://lms.example', clientId: 'server-client', tokenUrl: gradebook.tokenUrl },
				lineItemUrl: gradebook.lineItemUrl('item'),
				userId: 'lms-user',
				...progressScore({ score: 0.5, finished: true, at })
			});
			await vi.waitFor(() => expect(gradebook.result('item', 'lms-user')).toBeDefined(), { interval: 5 });
			expect(gradebook.result('item', 'lms-user')).toEqual({
				userId: 'lms-user',
				scoreGiven: 50,
				scoreMaximum: 100,
				timestamp: new Date(at).toISOString(),
				activityProgress: 'Completed',
				gradingProgress: 'FullyGraded'
			});
		} finally {
			await stopScoreOutbox();
			await gradebook.close();
			database.remove();
		}
		expect(() => scoreOutbox()).toThrow(/not open/);
	});

	it('logs retries and give-ups, not deliveries', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
		const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const entry = {
			id: 1,
			platform: { issuer: 'i', clientId: 'c', tokenUrl: 'https://lms.example/token' },
			lineItemUrl: 'https://lms.example/li/1',
			userId: 'u',
			score: { userId: 'u', timestamp: '', activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
			enqueuedAt: 0,
			attempts: 1,
			nextAttemptAt: 0,
			lastError: null,
			failedAt: null
		} as const;
		logOutboxEvent({ type: 'delivered', entry });
		logOutboxEvent({ type: 'retry', entry, error: 'answered 503', nextAttemptAt: 0 });
		logOutboxEvent({ type: 'failed', entry, error: 'answered 404' });
		expect(warn.mock.calls).toEqual([
			[expect.stringMatching(/https:\/\/lms\.example\/li\/1 \(user u\) not delivered, retrying at 1970.*503/)]
		]);
		expect(error.mock.calls).toEqual([[expect.stringMatching(/refused by the platform, not retried: answered 404/)]]);
	});
});
