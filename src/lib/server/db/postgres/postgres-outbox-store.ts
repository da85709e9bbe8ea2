/**
 * The LTI score outbox on the classroom's PostgreSQL database (table `lti_score_outbox`, migration
 * 5), for several app processes that each run the outbox's worker on the one table.
 *
 * - `enqueue` is one transaction under an advisory lock on its (line item, user), so two processes
 *   enqueuing scores for the same learner at once still keep only the newest.
 * - `due` claims what it returns: it takes due rows with `FOR UPDATE SKIP LOCKED` and moves their
 *   next attempt a lease ahead in the same statement, so another process's worker skips them
 *   while this one sends them. The worker then reports each one (delivered, retry later, give up),
 *   which replaces the lease. If the process dies first, the rows are due again when the lease
 *   runs out and another process sends them: at least once, as on SQLite.
 */
import type pg from 'pg';
import {
	toOutboxEntry,
	type EnqueueResult,
	type NewOutboxEntry,
	type OutboxEntry,
	type OutboxRow,
	type OutboxStore
} from '../../lti/ags/outbox-store.ts';
import { inTransaction } from './pool.ts';

/**
 * How long rows handed out by `due` stay another process's. Long enough for a batch at a slow
 * platform, and no longer than the longest back-off (5 min): a worker stopped mid-batch leaves its
 * unsent rows waiting no longer than a retry would.
 */
export const OUTBOX_LEASE_MS = 5 * 60_000;

/** The first key of the enqueue lock; the second is the (line item, user) hash. */
const OUTBOX_ENQUEUE_LOCK = 0x6f757462; // "outb"

export class PostgresOutboxStore implements OutboxStore {
	readonly #pool: pg.Pool;
	readonly #leaseMs: number;

	/** `pool` is the classroom's, already migrated (`openPostgresPool`). */
	constructor(pool: pg.Pool, options: { leaseMs?: number } = {}) {
		this.#pool = pool;
		this.#leaseMs = options.leaseMs ?? OUTBOX_LEASE_MS;
	}

	async enqueue(entry: NewOutboxEntry): Promise<EnqueueResult> {
		const scoreTimestamp = Date.parse(entry.score.timestamp);
		return inTransaction(this.#pool, async (client) => {
			// Held to the end of the transaction: the check, the deletion and the insert are one step.
			// Two 32-bit keys: a key space of its own, apart from the single-key locks (migrations, keys).
			// Two learners whose keys hash alike only wait for each other.
			await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
				OUTBOX_ENQUEUE_LOCK,
				JSON.stringify([entry.lineItemUrl, entry.userId])
			]);
			const newer = await client.query<{ id: number }>(
				`SELECT id FROM lti_score_outbox WHERE line_item_url = $1 AND user_id = $2 AND failed_at IS NULL
				AND score_timestamp > $3 ORDER BY score_timestamp DESC, id DESC LIMIT 1`,
				[entry.lineItemUrl, entry.userId, scoreTimestamp]
			);
			const newerId = newer.rows[0]?.id;
			if (newerId !== undefined) return { id: newerId, superseded: 0, stored: false };
			// Equal timestamps too: the later hand-in of the two wins, as it would at the platform.
			const superseded = await client.query(
				`DELETE FROM lti_score_outbox WHERE line_item_url = $1 AND user_id = $2 AND failed_at IS NULL
				AND score_timestamp <= $3`,
				[entry.lineItemUrl, entry.userId, scoreTimestamp]
			);
			const inserted = await client.query<{ id: number }>(
				`INSERT INTO lti_score_outbox (issuer, client_id, token_url, token_audience, line_item_url, user_id, score,
					score_timestamp, enqueued_at, next_attempt_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
				[
					entry.platform.issuer,
					entry.platform.clientId,
					entry.platform.tokenUrl,
					entry.platform.tokenAudience ?? null,
					entry.lineItemUrl,
					entry.userId,
					JSON.stringify(entry.score),
					scoreTimestamp,
					entry.enqueuedAt
				]
			);
			const id = inserted.rows[0]?.id;
			if (id === undefined) throw new Error('PostgreSQL: the outbox insert returned no id');
			return { id, superseded: superseded.rowCount ?? 0, stored: true };
		});
	}

	async due(now: number, limit: number): Promise<OutboxEntry[]> {
		// `claimed.*` is the row before the lease, so callers see its real next attempt.
		const { rows } = await this.#pool.query<OutboxRow>(
			`WITH claimed AS (
				SELECT * FROM lti_score_outbox WHERE failed_at IS NULL AND next_attempt_at <= $1
				ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
			)
			UPDATE lti_score_outbox AS o SET next_attempt_at = $3 FROM claimed WHERE o.id = claimed.id
			RETURNING claimed.*`,
			[now, limit, now + this.#leaseMs]
		);
		// RETURNING follows no ORDER BY.
		return rows.sort((a, b) => a.id - b.id).map(toOutboxEntry);
	}

	async nextDueAt(): Promise<number | undefined> {
		const { rows } = await this.#pool.query<{ at: number | null }>(
			'SELECT min(next_attempt_at) AS at FROM lti_score_outbox WHERE failed_at IS NULL'
		);
		return rows[0]?.at ?? undefined;
	}

	async delivered(id: number): Promise<void> {
		await this.#pool.query('DELETE FROM lti_score_outbox WHERE id = $1', [id]);
	}

	async retryLater(id: number, retry: { attempts: number; nextAttemptAt: number; error: string }): Promise<void> {
		await this.#pool.query(
			'UPDATE lti_score_outbox SET attempts = $1, next_attempt_at = $2, last_error = $3 WHERE id = $4 AND failed_at IS NULL',
			[retry.attempts, retry.nextAttemptAt, retry.error, id]
		);
	}

	async giveUp(id: number, failure: { attempts: number; at: number; error: string }): Promise<void> {
		await this.#pool.query(
			'UPDATE lti_score_outbox SET attempts = $1, failed_at = $2, last_error = $3 WHERE id = $4 AND failed_at IS NULL',
			[failure.attempts, failure.at, failure.error, id]
		);
	}

	async waiting(): Promise<OutboxEntry[]> {
		const { rows } = await this.#pool.query<OutboxRow>(
			'SELECT * FROM lti_score_outbox WHERE failed_at IS NULL ORDER BY id'
		);
		return rows.map(toOutboxEntry);
	}

	async failed(): Promise<OutboxEntry[]> {
		const { rows } = await this.#pool.query<OutboxRow>(
			'SELECT * FROM lti_score_outbox WHERE failed_at IS NOT NULL ORDER BY id'
		);
		return rows.map(toOutboxEntry);
	}
}
