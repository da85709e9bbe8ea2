/**
 * Where the score outbox keeps scores until a platform accepts them, in the classroom's database
 * so an enqueued score is committed before `enqueue` returns, exactly like a hand-in. SQLite's
 * store is here (on the classroom's handle: WAL, `synchronous = FULL`); PostgreSQL's is in
 * src/lib/server/db/postgres/postgres-outbox-store.ts. `openConfiguredStores` opens the right one.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { Score } from './score.ts';

/** The platform a score goes to: who to ask for a token, and as which client. */
export interface OutboxPlatform {
	issuer: string;
	clientId: string;
	tokenUrl: string;
	/** The client assertion's `aud` if not the token URL. */
	tokenAudience?: string;
}

export interface NewOutboxEntry {
	platform: OutboxPlatform;
	lineItemUrl: string;
	userId: string;
	score: Score;
	enqueuedAt: number;
}

export interface OutboxEntry extends NewOutboxEntry {
	id: number;
	attempts: number;
	nextAttemptAt: number;
	lastError: string | null;
	/** Set when the platform refused the score for good; the entry is kept to show why. */
	failedAt: number | null;
}

export interface EnqueueResult {
	/** The entry that will carry the newest score for this line item and user. */
	id: number;
	/** Older waiting scores for the same line item and user that this one replaced. */
	superseded: number;
	/** False when a waiting score for the same line item and user is newer than this one. */
	stored: boolean;
}

export interface OutboxStore {
	/**
	 * Stores a score to deliver, committed when the promise resolves. Only the newest score per
	 * (line item, user) needs delivering: older waiting ones are deleted, and a score older than
	 * a waiting one is not stored.
	 */
	enqueue(entry: NewOutboxEntry): Promise<EnqueueResult>;
	/**
	 * Waiting entries due by `now`, oldest first. A store that several processes share leases them
	 * to the caller (PostgreSQL: their next attempt moves a few minutes on), so another process's
	 * `due` skips them until the caller reports on them or the lease runs out.
	 */
	due(now: number, limit: number): Promise<OutboxEntry[]>;
	/** When the earliest waiting entry is due, if any is waiting. */
	nextDueAt(): Promise<number | undefined>;
	/** The platform accepted it: gone from the outbox. */
	delivered(id: number): Promise<void>;
	retryLater(id: number, retry: { attempts: number; nextAttemptAt: number; error: string }): Promise<void>;
	/** The platform refused it for good: kept, with the error, and never sent again. */
	giveUp(id: number, failure: { attempts: number; at: number; error: string }): Promise<void>;
	/** Every entry still waiting, oldest first (for the admin view and tests). */
	waiting(): Promise<OutboxEntry[]>;
	/** Every entry given up on, oldest first. */
	failed(): Promise<OutboxEntry[]>;
}

/** A row of `lti_score_outbox`, as both engines read it back. */
export interface OutboxRow {
	id: number;
	issuer: string;
	client_id: string;
	token_url: string;
	token_audience: string | null;
	line_item_url: string;
	user_id: string;
	score: string;
	score_timestamp: number;
	enqueued_at: number;
	attempts: number;
	next_attempt_at: number;
	last_error: string | null;
	failed_at: number | null;
}

export function toOutboxEntry(row: OutboxRow): OutboxEntry {
	return {
		id: row.id,
		platform: {
			issuer: row.issuer,
			clientId: row.client_id,
			tokenUrl: row.token_url,
			...(row.token_audience !== null && { tokenAudience: row.token_audience })
		},
		lineItemUrl: row.line_item_url,
		userId: row.user_id,
		// Written by this module from a checked Score.
		score: JSON.parse(row.score) as Score,
		enqueuedAt: row.enqueued_at,
		attempts: row.attempts,
		nextAttemptAt: row.next_attempt_at,
		lastError: row.last_error,
		failedAt: row.failed_at
	};
}

/** The outbox in the classroom's SQLite file (table `lti_score_outbox`, migration 5); one process. */
export class SqliteOutboxStore implements OutboxStore {
	readonly #statements: {
		newerWaiting: Statement<[string, string, number], { id: number }>;
		deleteOlderWaiting: Statement<[string, string, number]>;
		insert: Statement<Record<string, string | number | null>>;
		due: Statement<[number, number], OutboxRow>;
		nextDue: Statement<[], { at: number | null }>;
		delete: Statement<[number]>;
		retryLater: Statement<[number, number, string, number]>;
		giveUp: Statement<[number, number, string, number]>;
		waiting: Statement<[], OutboxRow>;
		failed: Statement<[], OutboxRow>;
	};
	readonly #enqueue: (entry: NewOutboxEntry) => EnqueueResult;

	/** `db` is the classroom database, already migrated (migration 4 made the table). */
	constructor(db: Database) {
		const statements = (this.#statements = {
			newerWaiting: db.prepare(
				`SELECT id FROM lti_score_outbox WHERE line_item_url = ? AND user_id = ? AND failed_at IS NULL
				AND score_timestamp > ? ORDER BY score_timestamp DESC, id DESC LIMIT 1`
			),
			deleteOlderWaiting: db.prepare(
				`DELETE FROM lti_score_outbox WHERE line_item_url = ? AND user_id = ? AND failed_at IS NULL
				AND score_timestamp <= ?`
			),
			insert: db.prepare(`
				INSERT INTO lti_score_outbox (issuer, client_id, token_url, token_audience, line_item_url, user_id, score,
					score_timestamp, enqueued_at, next_attempt_at)
				VALUES (@issuer, @clientId, @tokenUrl, @tokenAudience, @lineItemUrl, @userId, @score,
					@scoreTimestamp, @enqueuedAt, @enqueuedAt)`),
			due: db.prepare(
				'SELECT * FROM lti_score_outbox WHERE failed_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?'
			),
			nextDue: db.prepare('SELECT min(next_attempt_at) AS at FROM lti_score_outbox WHERE failed_at IS NULL'),
			delete: db.prepare('DELETE FROM lti_score_outbox WHERE id = ?'),
			retryLater: db.prepare(
				'UPDATE lti_score_outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ? AND failed_at IS NULL'
			),
			giveUp: db.prepare(
				'UPDATE lti_score_outbox SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ? AND failed_at IS NULL'
			),
			waiting: db.prepare('SELECT * FROM lti_score_outbox WHERE failed_at IS NULL ORDER BY id'),
			failed: db.prepare('SELECT * FROM lti_score_outbox WHERE failed_at IS NOT NULL ORDER BY id')
		});

		this.#enqueue = db.transaction((entry: NewOutboxEntry): EnqueueResult => {
			const scoreTimestamp = Date.parse(entry.score.timestamp);
			const newer = statements.newerWaiting.get(entry.lineItemUrl, entry.userId, scoreTimestamp);
			if (newer) return { id: newer.id, superseded: 0, stored: false };
			// Equal timestamps too: the later hand-in of the two wins, as it would at the platform.
			const superseded = statements.deleteOlderWaiting.run(entry.lineItemUrl, entry.userId, scoreTimestamp).changes;
			const { lastInsertRowid } = statements.insert.run({
				issuer: entry.platform.issuer,
				clientId: entry.platform.clientId,
				tokenUrl: entry.platform.tokenUrl,
				tokenAudience: entry.platform.tokenAudience ?? null,
				lineItemUrl: entry.lineItemUrl,
				userId: entry.userId,
				score: JSON.stringify(entry.score),
				scoreTimestamp,
				enqueuedAt: entry.enqueuedAt
			});
			return { id: Number(lastInsertRowid), superseded, stored: true };
		});
	}

	async enqueue(entry: NewOutboxEntry): Promise<EnqueueResult> {
		return this.#enqueue(entry);
	}

	async due(now: number, limit: number): Promise<OutboxEntry[]> {
		return this.#statements.due.all(now, limit).map(toOutboxEntry);
	}

	async nextDueAt(): Promise<number | undefined> {
		return this.#statements.nextDue.get()?.at ?? undefined;
	}

	async delivered(id: number): Promise<void> {
		this.#statements.delete.run(id);
	}

	async retryLater(id: number, retry: { attempts: number; nextAttemptAt: number; error: string }): Promise<void> {
		this.#statements.retryLater.run(retry.attempts, retry.nextAttemptAt, retry.error, id);
	}

	async giveUp(id: number, failure: { attempts: number; at: number; error: string }): Promise<void> {
		this.#statements.giveUp.run(failure.attempts, failure.at, failure.error, id);
	}

	async waiting(): Promise<OutboxEntry[]> {
		return this.#statements.waiting.all().map(toOutboxEntry);
	}

	async failed(): Promise<OutboxEntry[]> {
		return this.#statements.failed.all().map(toOutboxEntry);
	}
}
