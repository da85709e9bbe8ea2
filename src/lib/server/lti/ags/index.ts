/**
 * The server's one score outbox, opened in the init hook next to the classroom store:
 *
 *     await initRepository({ databaseUrl, dataDir });
 *     initScoreOutbox({ store: outboxStore(), signingKey: currentToolKey }).start();
 *     process.once('sveltekit:shutdown', async () => { await stopScoreOutbox(); closeRepository(); });
 *
 * and used wherever a learner's score changes (a hand-in recorded, answers released):
 *
 *     await scoreOutbox().enqueueScore({ platform, lineItemUrl, userId, ...assignmentScore({ assignment, progress, at, now }) });
 */
import { createAccessTokenClient, type ToolSigningKey } from './access-token.ts';
import { createScoreOutbox, type OutboxEvent, type ScoreOutbox } from './outbox.ts';
import type { OutboxStore } from './outbox-store.ts';

export type { ToolSigningKey } from './access-token.ts';
export type { ScoreOutbox, ScoreToSend } from './outbox.ts';
export type { OutboxPlatform, OutboxStore } from './outbox-store.ts';
export { progressScore } from './score.ts';
export { assignmentScore } from './classroom-score.ts';

export interface ScoreOutboxConfig {
	/**
	 * Where scores wait: the classroom database's outbox (`outboxStore()` from `$lib/server/db`),
	 * SQLite or PostgreSQL. On PostgreSQL every app process runs a worker on the one table.
	 */
	store: OutboxStore;
	/** The tool's current signing key, asked for each token request so rotation needs no restart. */
	signingKey: ToolSigningKey | (() => ToolSigningKey | Promise<ToolSigningKey>);
	onEvent?: (event: OutboxEvent) => void;
}

/** Retries and give-ups go to the server log; deliveries are the normal case and are not logged. */
export function logOutboxEvent(event: OutboxEvent): void {
	const where = (entry: { lineItemUrl: string; userId: string }) => `${entry.lineItemUrl} (user ${entry.userId})`;
	switch (event.type) {
		case 'retry':
			console.warn(
				`LTI score for ${where(event.entry)} not delivered, retrying at ${new Date(event.nextAttemptAt).toISOString()}: ${event.error}`
			);
			break;
		case 'failed':
			console.error(`LTI score for ${where(event.entry)} refused by the platform, not retried: ${event.error}`);
			break;
		case 'worker-error':
			console.error(`LTI score outbox: ${event.error}`);
			break;
		case 'delivered':
			break;
	}
}

let current: ScoreOutbox | undefined;

export function initScoreOutbox(config: ScoreOutboxConfig): ScoreOutbox {
	current ??= createScoreOutbox({
		store: config.store,
		tokens: createAccessTokenClient({ signingKey: config.signingKey }),
		onEvent: config.onEvent ?? logOutboxEvent
	});
	return current;
}

export function scoreOutbox(): ScoreOutbox {
	if (!current) throw new Error('The LTI score outbox is not open: initScoreOutbox() runs in the server init hook.');
	return current;
}

/** Stops the worker (waiting for a score being sent); waiting scores stay in the database. */
export async function stopScoreOutbox(): Promise<void> {
	await current?.stop();
	current = undefined;
}
