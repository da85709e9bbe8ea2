/**
 * Group commit for SQLite writes. better-sqlite3 is synchronous: with `synchronous = FULL` each
 * commit's fsync blocks the event loop (about 1 ms on this machine's disk, and several under
 * load), so one transaction per hand-in caps a class at a few hundred hand-ins a second and
 * queues every other request behind the disk.
 *
 * Here the writes asked for during one turn of the event loop wait in a queue, and a
 * `setImmediate` after that turn runs them all in one transaction.
 *
 * With a `sync` (the store's: fsync of the WAL file, see sqlite-repository.ts) the transaction
 * commits under `synchronous = NORMAL`, which writes the WAL without waiting for the disk, and
 * `sync` then flushes it from libuv's thread pool while the event loop serves other requests.
 * The next batches commit meanwhile and share the next flush: one fsync for everything committed
 * while the last one ran. Each caller's promise settles only once a flush that began after its
 * commit has finished, so an acknowledgement still means the row is on disk, as under FULL.
 * Without a `sync` the batch commits under the connection's own setting.
 *
 * Each write runs in its own savepoint (better-sqlite3 turns a transaction function called inside
 * another into one): a write that throws is rolled back alone and rejects only its own caller,
 * and the writes after it see the database as if it had never run. Writes run in the order they
 * were asked for, so a student's try 2 queued behind their try 1 sees try 1's row, exactly as
 * one transaction each would. If the commit itself fails, every caller of the batch is
 * rejected: none of their rows was stored. If a flush fails, every caller waiting on it is
 * rejected: their rows may be in the file, but the server cannot say they will survive a power
 * cut, and an unacknowledged hand-in is sent again (the store answers a repeat as a duplicate).
 */
import type Database from 'better-sqlite3';

interface Queued<Input, Output> {
	input: Input;
	resolve(output: Output): void;
	reject(error: unknown): void;
}

/** A committed batch's callers, answered once a flush says whether it reached the disk. */
interface CommittedBatch {
	acknowledge(): void;
	refuse(error: unknown): void;
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
	/** Commits everything queued now, before the database is closed (then flush, then `settle`). */
	drain(): void;
	/** Acknowledges the writes still waiting on a flush, once the caller has flushed them itself. */
	settle(): void;
}

export interface GroupCommitOptions {
	/** Makes everything committed so far durable (without it, each commit waits for the disk). */
	sync?: () => Promise<void>;
}

/** Most writes in one transaction: bounds the time one batch holds the event loop. */
export const MAX_BATCH = 500;

export function groupCommit<Input, Output>(
	db: Database.Database,
	write: (input: Input) => Output,
	{ sync }: GroupCommitOptions = {}
): GroupCommit<Input, Output> {
	let queue: Queued<Input, Output>[] = [];
	/** Batches committed, waiting for the next flush to be answered. */
	let unsynced: CommittedBatch[] = [];
	/** Batches the flush running now is for. */
	let inFlight: CommittedBatch[] = [];
	let syncing = false;
	// What the connection commits with otherwise (FULL for the store), restored after each batch.
	const ownSynchronous = Number(db.pragma('synchronous', { simple: true }));
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

	/** Flushes what has been committed, and again for what commits meanwhile, acknowledging each lot. */
	const syncCommitted = (flushWal: () => Promise<void>) => {
		if (syncing || unsynced.length === 0) return;
		syncing = true;
		const batches = unsynced;
		inFlight = batches;
		unsynced = [];
		flushWal()
			.then(
				() => {
					for (const batch of batches) batch.acknowledge();
				},
				(error: unknown) => {
					for (const batch of batches) batch.refuse(error);
				}
			)
			.finally(() => {
				syncing = false;
				syncCommitted(flushWal);
			});
	};

	const commitWithoutWaitingForDisk = (batch: Queued<Input, Output>[]): Settled[] => {
		// Not a statement prepared once: run again, a prepared copy left the setting unchanged here
		// (the test of this setting caught it). SQLite carries out some pragmas as it prepares them.
		db.pragma('synchronous = NORMAL');
		try {
			return commitBatch(batch);
		} finally {
			db.pragma(`synchronous = ${ownSynchronous}`);
		}
	};

	const flush = () => {
		if (queue.length === 0) return;
		const batch = queue.slice(0, MAX_BATCH);
		queue = queue.slice(batch.length);
		if (queue.length > 0) setImmediate(flush);
		let settled: Settled[];
		try {
			settled = sync ? commitWithoutWaitingForDisk(batch) : commitBatch(batch);
		} catch (error) {
			// The transaction did not commit: no write of the batch is stored.
			for (const queued of batch) queued.reject(error);
			return;
		}
		counts.commits++;
		counts.writes += batch.length;
		const acknowledge = () =>
			batch.forEach((queued, index) => {
				const result = settled[index] as Settled;
				if (result.ok) queued.resolve(result.output);
				else queued.reject(result.error);
			});
		if (!sync) return acknowledge();
		unsynced.push({ acknowledge, refuse: (error) => batch.forEach((queued) => queued.reject(error)) });
		syncCommitted(sync);
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
		},
		settle() {
			// A flush still running may fail once its file is gone: its callers are answered here
			// first, and a promise settles only once.
			const waiting = [...inFlight, ...unsynced];
			unsynced = [];
			for (const batch of waiting) batch.acknowledge();
		}
	};
}
