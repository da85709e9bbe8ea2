/**
 * Where the due sweep (due-sweep.ts) records which due dates it has handled, in the classroom's
 * database (table `lti_due_sweeps`, migration 6), so a sweep happens once per due date across
 * restarts and app processes. SQLite's store is here; PostgreSQL's is in
 * src/lib/server/db/postgres/postgres-due-sweep-store.ts. `openConfiguredStores` opens the right one.
 *
 * A sweep is keyed by (assignment, due date). It is first claimed under a lease, then marked done
 * once every score is in the outbox: a process that dies between the two leaves the claim to run
 * out, and the next sweep (another process, or this one restarted) does it again. Enqueuing the
 * same scores twice is harmless: the outbox keeps the newest per learner.
 */
import type { Database, Statement } from 'better-sqlite3';

/** One assignment whose due date has passed while it withheld its scores. */
export interface DueSweep {
	assignmentId: string;
	/** The due date this sweep is for: a later due date is another sweep. */
	dueAt: number;
}

export interface DueSweepStore {
	/**
	 * Claims, until `claimedUntil`, up to `limit` sweeps due by `now`: assignments that reveal
	 * answers after the due date, have not released them, have a due date at or before `now`, have
	 * at least one learner who came from an LMS, and whose sweep for that due date is neither done
	 * nor claimed by a lease still running. Two callers never get the same sweep while its lease runs.
	 */
	claim(now: number, claimedUntil: number, limit: number): Promise<DueSweep[]>;
	/** Every score of the sweep is in the outbox: never claimed again. */
	finish(sweep: DueSweep, at: number): Promise<void>;
	/** The earliest due date after `now` that will need a sweep, as things stand. */
	nextDueAfter(now: number): Promise<number | undefined>;
}

/**
 * Assignments due by `now` (the first parameter) that may still withhold scores from an LMS
 * learner. Shared by both engines: it is plain SQL, and their placeholders differ only in name.
 */
export function pendingSweepsSql(placeholders: { now: string; limit: string }): string {
	return `
		SELECT a.id AS assignment_id, a.due_at AS due_at FROM assignments AS a
		WHERE a.reveal = 'after-due' AND a.released_at IS NULL AND a.due_at IS NOT NULL AND a.due_at <= ${placeholders.now}
			AND EXISTS (SELECT 1 FROM lti_students AS s WHERE s.assignment_id = a.id)
			AND NOT EXISTS (
				SELECT 1 FROM lti_due_sweeps AS w WHERE w.assignment_id = a.id AND w.due_at = a.due_at
				AND (w.done_at IS NOT NULL OR w.claimed_until > ${placeholders.now})
			)
		ORDER BY a.due_at, a.id LIMIT ${placeholders.limit}`;
}

/** The next due date after `now` (the one parameter) of an assignment that withholds scores from an LMS learner. */
export function nextDueSql(now: string): string {
	return `
		SELECT min(a.due_at) AS at FROM assignments AS a
		WHERE a.reveal = 'after-due' AND a.released_at IS NULL AND a.due_at IS NOT NULL AND a.due_at > ${now}
			AND EXISTS (SELECT 1 FROM lti_students AS s WHERE s.assignment_id = a.id)`;
}

export interface DueSweepRow {
	assignment_id: string;
	due_at: number;
}

export function toDueSweep(row: DueSweepRow): DueSweep {
	return { assignmentId: row.assignment_id, dueAt: row.due_at };
}

/** The sweeps on the classroom's SQLite file: one process, so one transaction makes the claim. */
export class SqliteDueSweepStore implements DueSweepStore {
	readonly #statements: {
		pending: Statement<{ now: number; limit: number }, DueSweepRow>;
		claim: Statement<{ assignmentId: string; dueAt: number; now: number; claimedUntil: number }>;
		finish: Statement<[number, string, number]>;
		nextDue: Statement<{ now: number }, { at: number | null }>;
	};
	readonly #claim: (now: number, claimedUntil: number, limit: number) => DueSweep[];

	/** `db` is the classroom database, already migrated (migration 6 made the table). */
	constructor(db: Database) {
		const statements = (this.#statements = {
			pending: db.prepare(pendingSweepsSql({ now: '@now', limit: '@limit' })),
			// A lease that ran out is taken over; a done sweep or a running lease is left alone.
			claim: db.prepare(`
				INSERT INTO lti_due_sweeps (assignment_id, due_at, claimed_until) VALUES (@assignmentId, @dueAt, @claimedUntil)
				ON CONFLICT (assignment_id, due_at) DO UPDATE SET claimed_until = excluded.claimed_until
				WHERE lti_due_sweeps.done_at IS NULL AND lti_due_sweeps.claimed_until <= @now`),
			finish: db.prepare('UPDATE lti_due_sweeps SET done_at = ? WHERE assignment_id = ? AND due_at = ?'),
			nextDue: db.prepare(nextDueSql('@now'))
		});
		this.#claim = db.transaction((now: number, claimedUntil: number, limit: number) =>
			statements.pending
				.all({ now, limit })
				.map(toDueSweep)
				.filter((sweep) => statements.claim.run({ ...sweep, now, claimedUntil }).changes === 1)
		);
	}

	async claim(now: number, claimedUntil: number, limit: number): Promise<DueSweep[]> {
		return this.#claim(now, claimedUntil, limit);
	}

	async finish(sweep: DueSweep, at: number): Promise<void> {
		this.#statements.finish.run(at, sweep.assignmentId, sweep.dueAt);
	}

	async nextDueAfter(now: number): Promise<number | undefined> {
		return this.#statements.nextDue.get({ now })?.at ?? undefined;
	}
}
