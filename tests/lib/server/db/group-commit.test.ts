/**
 * Group commit (src/lib/server/db/sqlite/group-commit.ts): writes asked for together share one
 * transaction, each caller hears back only once that transaction has committed, and one failing
 * write fails no other. Also the SQLite store's hand-ins through it, sent at once.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStores, type SqliteClassroomRepository } from '$lib/server/db';
import { groupCommit, MAX_BATCH } from '$lib/server/db/sqlite/group-commit';
import { assignment, student, submission } from './fixtures';

let dir: string;
let db: Database.Database;
/** A second connection on the same file: it sees only what has been committed. */
let observer: Database.Database;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'backchannel-group-commit-'));
	const file = join(dir, 'test.sqlite');
	db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.exec('CREATE TABLE rows (name TEXT PRIMARY KEY, seq INTEGER NOT NULL)');
	observer = new Database(file, { readonly: true });
});

afterEach(() => {
	observer.close();
	if (db.open) db.close();
	rmSync(dir, { recursive: true, force: true });
});

const committedNames = () =>
	observer
		.prepare<[], { name: string }>('SELECT name FROM rows ORDER BY seq')
		.all()
		.map((row) => row.name);

function insertingBatcher() {
	let seq = 0;
	const insert = db.prepare('INSERT INTO rows (name, seq) VALUES (?, ?)');
	return groupCommit(db, (name: string) => {
		if (name.startsWith('bad')) {
			insert.run(`${name}-partial`, ++seq);
			throw new Error(`refused ${name}`);
		}
		insert.run(name, ++seq);
		return `stored ${name}`;
	});
}

describe('groupCommit', () => {
	it('writes what is asked for together in one transaction, each acknowledged only once it is committed', async () => {
		const batcher = insertingBatcher();
		const names = ['a', 'b', 'c', 'd', 'e'];
		const seenAtAcknowledgement: string[][] = [];
		const outputs = await Promise.all(
			names.map((name) =>
				batcher.submit(name).then((output) => {
					seenAtAcknowledgement.push(committedNames());
					return output;
				})
			)
		);
		expect(outputs).toEqual(names.map((name) => `stored ${name}`));
		expect(batcher.stats()).toEqual({ commits: 1, writes: 5 });
		// Another connection already sees every row of the batch when the first caller hears back.
		for (const seen of seenAtAcknowledgement) expect(seen).toEqual(names);
	});

	it('holds nothing back before the transaction runs', async () => {
		const batcher = insertingBatcher();
		const pending = batcher.submit('a');
		expect(committedNames()).toEqual([]);
		await pending;
		expect(committedNames()).toEqual(['a']);
	});

	it('rejects only the write that failed, rolling back what it had written, and commits the others', async () => {
		const batcher = insertingBatcher();
		const results = await Promise.allSettled(['a', 'bad1', 'b'].map((name) => batcher.submit(name)));
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('refused bad1'));
		expect(committedNames()).toEqual(['a', 'b']);
		expect(batcher.stats()).toEqual({ commits: 1, writes: 3 });
	});

	it('runs the writes in the order they were asked for, each seeing the ones before it', async () => {
		const insert = db.prepare('INSERT INTO rows (name, seq) VALUES (?, ?)');
		const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM rows');
		// Each write numbers its row after the rows already written, as a try numbers itself after earlier tries.
		const batcher = groupCommit(db, (name: string) => {
			const before = count.get()?.n ?? 0;
			insert.run(name, before + 1);
			return before + 1;
		});
		expect(await Promise.all(['first', 'second', 'third'].map((name) => batcher.submit(name)))).toEqual([1, 2, 3]);
		expect(committedNames()).toEqual(['first', 'second', 'third']);
	});

	it('starts a new transaction for what arrives after a batch has gone', async () => {
		const batcher = insertingBatcher();
		await Promise.all([batcher.submit('a'), batcher.submit('b')]);
		await batcher.submit('c');
		expect(batcher.stats()).toEqual({ commits: 2, writes: 3 });
	});

	it(`splits a queue longer than ${MAX_BATCH} writes into several transactions`, async () => {
		const batcher = insertingBatcher();
		const names = Array.from({ length: MAX_BATCH + 10 }, (_, index) => `row${index}`);
		await Promise.all(names.map((name) => batcher.submit(name)));
		expect(batcher.stats()).toEqual({ commits: 2, writes: MAX_BATCH + 10 });
		expect(committedNames()).toEqual(names);
	});

	it('rejects every write of a batch when SQLite rolls back the whole transaction, and stores none of them', async () => {
		const insert = db.prepare('INSERT INTO rows (name, seq) VALUES (?, 1)');
		// As SQLite does itself on a full disk or an I/O error: the transaction is gone mid-batch.
		const batcher = groupCommit(db, (name: string) => {
			insert.run(name);
			if (name === 'disk-full') db.exec('ROLLBACK');
		});
		const results = await Promise.allSettled(['a', 'disk-full', 'b'].map((name) => batcher.submit(name)));
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(committedNames()).toEqual([]);
		expect(batcher.stats()).toEqual({ commits: 0, writes: 0 });
		// The next batch starts afresh.
		await batcher.submit('c');
		expect(committedNames()).toEqual(['c']);
	});
});

/** A flush the test finishes by hand, as the disk would. */
function manualFlushes() {
	const pending: { finish(): void; fail(error: Error): void }[] = [];
	const sync = () =>
		new Promise<void>((resolve, reject) => {
			pending.push({ finish: resolve, fail: reject });
		});
	return { sync, pending };
}

/** Lets the queued batch run (setImmediate) and the promises it settled report. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('groupCommit with a flush off the event loop', () => {
	function flushingBatcher(sync: () => Promise<void>) {
		const insert = db.prepare('INSERT INTO rows (name, seq) VALUES (?, ?)');
		let seq = 0;
		return groupCommit(
			db,
			(name: string) => {
				if (name.startsWith('bad')) throw new Error(`refused ${name}`);
				insert.run(name, ++seq);
				return `stored ${name}`;
			},
			{ sync }
		);
	}

	it('commits at once but acknowledges only once the flush after the commit has finished', async () => {
		const { sync, pending } = manualFlushes();
		const batcher = flushingBatcher(sync);
		const acknowledged: string[] = [];
		const done = ['a', 'b'].map((name) => batcher.submit(name).then((output) => acknowledged.push(output)));
		await nextTurn();
		// Committed (another connection sees the rows) and being flushed, not yet acknowledged.
		expect(committedNames()).toEqual(['a', 'b']);
		expect(pending).toHaveLength(1);
		expect(acknowledged).toEqual([]);
		pending[0]?.finish();
		await Promise.all(done);
		expect(acknowledged).toEqual(['stored a', 'stored b']);
	});

	it('lets batches commit while a flush runs, then flushes them all at once', async () => {
		const { sync, pending } = manualFlushes();
		const batcher = flushingBatcher(sync);
		const first = batcher.submit('a');
		await nextTurn();
		const later = [batcher.submit('b'), batcher.submit('c')];
		await nextTurn();
		const last = batcher.submit('d');
		await nextTurn();
		// Three batches committed, one flush running: the other two wait for the next.
		expect(batcher.stats()).toEqual({ commits: 3, writes: 4 });
		expect(committedNames()).toEqual(['a', 'b', 'c', 'd']);
		expect(pending).toHaveLength(1);
		pending[0]?.finish();
		expect(await first).toBe('stored a');
		await nextTurn();
		expect(pending).toHaveLength(2);
		pending[1]?.finish();
		expect(await Promise.all([...later, last])).toEqual(['stored b', 'stored c', 'stored d']);
	});

	it('rejects everyone a failed flush was for, and flushes the next batch afresh', async () => {
		const { sync, pending } = manualFlushes();
		const batcher = flushingBatcher(sync);
		const lost = Promise.allSettled([batcher.submit('a'), batcher.submit('bad')]);
		await nextTurn();
		pending[0]?.fail(new Error('EIO'));
		const results = await lost;
		expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
		expect((results[0] as PromiseRejectedResult).reason).toEqual(new Error('EIO'));
		const next = batcher.submit('b');
		await nextTurn();
		pending[1]?.finish();
		expect(await next).toBe('stored b');
	});

	it('commits without waiting for the disk, then restores the connection’s own setting', async () => {
		const { sync, pending } = manualFlushes();
		const synchronous = () => Number(db.pragma('synchronous', { simple: true }));
		const batcher = groupCommit(db, () => synchronous(), { sync });
		const during = batcher.submit(undefined);
		await nextTurn();
		pending[0]?.finish();
		// 1 is NORMAL, 2 FULL (the setting this connection was opened with).
		expect(await during).toBe(1);
		expect(synchronous()).toBe(2);
	});

	it('acknowledges what waits on a flush once its owner has flushed it at closing', async () => {
		const { sync, pending } = manualFlushes();
		const batcher = flushingBatcher(sync);
		const waiting = batcher.submit('a');
		await nextTurn();
		batcher.drain();
		batcher.settle();
		db.close();
		expect(await waiting).toBe('stored a');
		// The flush that was running finds its file gone: its callers have their answer already.
		pending[0]?.fail(new Error('EBADF'));
		expect(await waiting).toBe('stored a');
	});
});

describe('hand-ins to the SQLite store sent at once', () => {
	let storeDir: string;
	let repository: SqliteClassroomRepository;
	const RULES = { maxTries: 3, lockOnCorrect: false };

	beforeEach(async () => {
		storeDir = mkdtempSync(join(tmpdir(), 'backchannel-group-commit-store-'));
		repository = openStores(storeDir).classroom;
		await repository.createAssignment(assignment({ tries: 3 }));
		await repository.addStudent(student());
		await repository.addStudent(student({ id: 's2', resumeCodeHash: new Uint8Array(32).fill(2) }));
	});

	afterEach(async () => {
		await repository.close();
		rmSync(storeDir, { recursive: true, force: true });
	});

	it('keeps each try’s checks exact inside one batch: order of tries, duplicates, conflicts, tries left', async () => {
		const wrong = { correct: false, score: 0 };
		const outcomes = await Promise.all([
			repository.recordSubmission(submission({ tryNumber: 1, ...wrong }), RULES),
			repository.recordSubmission(submission({ tryNumber: 2, ...wrong }), RULES),
			repository.recordSubmission(submission({ tryNumber: 2, ...wrong, submittedAt: 9_999 }), RULES),
			repository.recordSubmission(
				submission({ tryNumber: 3, ...wrong, response: { type: 'single', choice: 'x' } }),
				RULES
			),
			repository.recordSubmission(submission({ tryNumber: 3, ...wrong }), RULES),
			repository.recordSubmission(submission({ tryNumber: 4 }), RULES),
			repository.recordSubmission(submission({ studentId: 's2', tryNumber: 2 }), RULES)
		]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual([
			'recorded',
			'recorded',
			'duplicate',
			'recorded',
			'conflict',
			'finished',
			'out-of-order'
		]);
		expect((await repository.listStudentSubmissions('s1')).map((stored) => stored.tryNumber)).toEqual([1, 2, 3]);
		expect(await repository.listStudentSubmissions('s2')).toEqual([]);
	});

	it('one failing hand-in (a student who no longer exists) fails alone', async () => {
		const outcomes = await Promise.allSettled([
			repository.recordSubmission(submission(), RULES),
			repository.recordSubmission(submission({ studentId: 'gone' }), RULES),
			repository.recordSubmission(submission({ studentId: 's2' }), RULES)
		]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
		expect(await repository.listAssignmentSubmissions('a1')).toHaveLength(2);
	});

	it('commits what is queued when the store is closed before the batch runs', async () => {
		const pending = repository.recordSubmission(submission(), RULES);
		await repository.close();
		expect((await pending).status).toBe('recorded');
		repository = openStores(storeDir).classroom;
		expect(await repository.listStudentSubmissions('s1')).toHaveLength(1);
	});
});
