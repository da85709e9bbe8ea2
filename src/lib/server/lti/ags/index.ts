/**
 * The server's one score outbox, opened in the init hook next to the classroom store:
 *
 *     initRepository(dataDir);
 *     initScoreOutbox({ database: sqliteDatabase(), signingKey: currentToolKey }).start();
 *     process.once('sveltekit:shutdown', async () => { await stopScoreOutbox(); closeRepository(); });
 *
 * and used wherever a learner's score changes (a hand-in recorded, answers released):
 *
 *     await scoreOutbox().enqueueScore({ platform, lineItemUrl, userId, ...assignmentScore({ assignment, progress, at, now }) });
 */
import type { Database } from 'better-sqlite3';
import { createAccessTokenClient, type ToolSigningKey } from './access-token.ts';
import { createScoreOutbox, type OutboxEvent, type ScoreOutbox } from './outbox.ts';
import { SqliteOutboxStore } from './outbox-store.ts';

export type { ToolSigningKey } from './access-token.ts';
export type { ScoreOutbox, ScoreToSend } from './outbox.ts';
export type { OutboxPlatform } from './outbox-store.ts';
export { progressScore } from './score.ts';
export { assignmentScore } from './classroom-score.ts';

export interface ScoreOutboxConfig {
	/** The classroom database (`sqliteDatabase()` from `$lib/server/db`), already migrated. */
	database: Database;
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
		store: new SqliteOutboxStore(config.database),
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
