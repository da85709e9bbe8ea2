/**
 * The due sweeps on the classroom's PostgreSQL database (table `lti_due_sweeps`, migration 6), for
 * several app processes that each run the sweep. The claim is one statement: it inserts a row per
 * pending sweep, or takes over one whose lease ran out, and returns only the rows it wrote. Two
 * processes inserting the same (assignment, due date) meet on the primary key: the second waits
 * for the first to commit, then finds its lease running and gets nothing.
 */
import type pg from 'pg';
import {
	nextDueSql,
	pendingSweepsSql,
	toDueSweep,
	type DueSweep,
	type DueSweepRow,
	type DueSweepStore
} from '../../lti/due-sweep-store.ts';

export class PostgresDueSweepStore implements DueSweepStore {
	readonly #pool: pg.Pool;

	/** `pool` is the classroom's, already migrated (`openPostgresPool`). */
	constructor(pool: pg.Pool) {
		this.#pool = pool;
	}

	async claim(now: number, claimedUntil: number, limit: number): Promise<DueSweep[]> {
		const { rows } = await this.#pool.query<DueSweepRow>(
			`WITH pending AS (${pendingSweepsSql({ now: '$1', limit: '$3' })})
			INSERT INTO lti_due_sweeps (assignment_id, due_at, claimed_until)
			SELECT assignment_id, due_at, $2::bigint FROM pending
			ON CONFLICT (assignment_id, due_at) DO UPDATE SET claimed_until = excluded.claimed_until
			WHERE lti_due_sweeps.done_at IS NULL AND lti_due_sweeps.claimed_until <= $1
			RETURNING assignment_id, due_at`,
			[now, claimedUntil, limit]
		);
		// RETURNING follows no ORDER BY.
		return rows.map(toDueSweep).sort((a, b) => a.dueAt - b.dueAt || a.assignmentId.localeCompare(b.assignmentId));
	}

	async finish(sweep: DueSweep, at: number): Promise<void> {
		await this.#pool.query('UPDATE lti_due_sweeps SET done_at = $1 WHERE assignment_id = $2 AND due_at = $3', [
			at,
			sweep.assignmentId,
			sweep.dueAt
		]);
	}

	async nextDueAfter(now: number): Promise<number | undefined> {
		const { rows } = await this.#pool.query<{ at: number | null }>(nextDueSql('$1'), [now]);
		return rows[0]?.at ?? undefined;
	}
}
