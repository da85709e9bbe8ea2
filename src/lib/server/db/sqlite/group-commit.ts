/**
 * Group commit for SQLite writes. better-sqlite3 is synchronous and the store runs with
 * `synchronous = FULL`, so each commit's fsync blocks the event loop (about 1 ms on this machine's
 * disk, and several under load): one transaction per hand-in caps a class at a few hundred
 * hand-ins a second and queues every other request behind the disk.
 *
 * Here the writes asked for during one turn of the event loop wait in a queue, and a
 * `setImmediate` after that turn runs them all in one transaction: one fsync for the lot. Each
 * caller's promise settles only after that transaction has committed, so an acknowledgement
 * still means the row is on disk.
 *
 * Each write runs in its own savepoint (better-sqlite3 turns a transaction function called inside
 * another into one): a write that throws is rolled back alone and rejects only its own caller,
 * and the writes after it see the database as if it had never run. Writes run in the order they
 * were asked for, so a student's try 2 queued behind their try 1 sees try 1's row, exactly as
 * one transaction each would. If the commit itself fails, every caller of the batch is
 * rejected: none of their rows was stored.
 */
import type Database from 'better-sqlite3';

interface Queued<Input, Output> {
	input: Input;
	resolve(output: Output): void;
	reject(error: unknown): void;
}

export interface GroupCommitStats {
	/** Transactions committed so far. */
	commits: number;
	/** Writes those transactions held. */
	writes: number;
}

export interface GroupCommit<Input, Output> {
	/** Runs `write(input)` in the next batch; resolves once its transaction has committed. */
	submit(input: Input): Promise<Output>;
	/** How many transactions and writes so far (for tests and the benchmark's figures). */
	stats(): GroupCommitStats;
	/** Commits everything queued now, before the database is closed. */
	drain(): void;
}

/** Most writes in one transaction: bounds the time one batch holds the event loop. */
export const MAX_BATCH = 500;

export function groupCommit<Input, Output>(
	db: Database.Database,
	write: (input: Input) => Output
): GroupCommit<Input, Output> {
	let queue: Queued<Input, Output>[] = [];
	const counts: GroupCommitStats = { commits: 0, writes: 0 };
	// Called inside `commitBatch`, this runs as a savepoint of the batch's transaction.
	const writeInSavepoint = db.transaction(write);

	type Settled = { ok: true; output: Output } | { ok: false; error: unknown };
	const commitBatch = db.transaction((batch: Queued<Input, Output>[]): Settled[] =>
		batch.map((queued): Settled => {
			try {
				return { ok: true, output: writeInSavepoint(queued.input) };
			} catch (error) {
				// Some errors (a full disk, an I/O error) make SQLite roll back the whole transaction:
				// the batch cannot go on, and everyone in it is told their write was not stored.
				if (!db.inTransaction) throw error;
				return { ok: false, error };
			}
		})
	);

	const flush = () => {
		if (queue.length === 0) return;
		const batch = queue.slice(0, MAX_BATCH);
		queue = queue.slice(batch.length);
		if (queue.length > 0) setImmediate(flush);
		let settled: Settled[];
		try {
			settled = commitBatch(batch);
		} catch (error) {
			// The transaction did not commit: no write of the batch is stored.
			for (const queued of batch) queued.reject(error);
			return;
		}
		counts.commits++;
		counts.writes += batch.length;
		batch.forEach((queued, index) => {
			const result = settled[index] as Settled;
			if (result.ok) queued.resolve(result.output);
			else queued.reject(result.error);
		});
	};

	return {
		submit(input) {
			return new Promise<Output>((resolve, reject) => {
				if (queue.length === 0) setImmediate(flush);
				queue.push({ input, resolve, reject });
			});
		},
		stats: () => ({ ...counts }),
		drain() {
			while (queue.length > 0) flush();
		}
	};
}
