/**
 * The SQLite store's hand-ins are flushed to disk off the event loop (sqlite-repository.ts,
 * group-commit.ts): this checks the real wiring. Node's `fsync` is held until the test lets it
 * finish, as a slow disk would: the hand-in is committed at once, but acknowledged only once the
 * WAL file (not another) has been flushed.
 */
import { fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStores, type SqliteClassroomRepository } from '$lib/server/db';
import { assignment, student, submission } from './fixtures';

const held = vi.hoisted(() => [] as { fd: number; finish(error: Error | null): void }[]);
/** Files flushed while the caller waited (at closing). */
const flushedAtOnce = vi.hoisted(() => [] as number[]);

vi.mock('node:fs', async (importOriginal) => {
	const fs = await importOriginal<typeof import('node:fs')>();
	return {
		...fs,
		fsync: (fd: number, callback: (error: Error | null) => void) => held.push({ fd, finish: callback }),
		fsyncSync: (fd: number) => {
			flushedAtOnce.push(fs.fstatSync(fd).ino);
			fs.fsyncSync(fd);
		}
	};
});

const RULES = { maxTries: 3, lockOnCorrect: false };
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

let dir: string;
let repository: SqliteClassroomRepository;

beforeEach(async () => {
	held.length = 0;
	flushedAtOnce.length = 0;
	dir = mkdtempSync(join(tmpdir(), 'backchannel-wal-flush-'));
	repository = openStores(dir).classroom;
	await repository.createAssignment(assignment());
	await repository.addStudent(student());
});

afterEach(async () => {
	await repository.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('a hand-in to the SQLite store', () => {
	it('is acknowledged only after the WAL file has been flushed, without holding the event loop meanwhile', async () => {
		let acknowledged = false;
		const handIn = repository.recordSubmission(submission(), RULES).then((outcome) => {
			acknowledged = true;
			return outcome;
		});
		await nextTurn();
		expect(held).toHaveLength(1);
		const flushed = held[0];
		// The descriptor being flushed is the WAL file's.
		const wal = statSync(join(dir, 'backchannel.sqlite-wal'));
		expect(fstatSync(flushed?.fd ?? -1).ino).toBe(wal.ino);
		// Committed and readable while the disk works; the event loop goes on serving.
		expect(await repository.listStudentSubmissions('s1')).toHaveLength(1);
		await nextTurn();
		expect(acknowledged).toBe(false);
		flushed?.finish(null);
		expect((await handIn).status).toBe('recorded');
	});

	it('is refused when the flush fails, so the student sends it again', async () => {
		const handIn = repository.recordSubmission(submission(), RULES);
		await nextTurn();
		held[0]?.finish(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }));
		await expect(handIn).rejects.toThrow('EIO');
		// Sent again, it is recognised as the same try (its row may well be on disk) and acknowledged.
		const again = repository.recordSubmission(submission(), RULES);
		await nextTurn();
		held[1]?.finish(null);
		expect((await again).status).toBe('duplicate');
	});

	it('waiting on a flush when the store closes, is flushed at once and acknowledged', async () => {
		const handIn = repository.recordSubmission(submission(), RULES);
		await nextTurn();
		const wal = statSync(join(dir, 'backchannel.sqlite-wal')).ino;
		await repository.close();
		expect(flushedAtOnce).toEqual([wal]);
		expect((await handIn).status).toBe('recorded');
		repository = openStores(dir).classroom;
		expect(await repository.listStudentSubmissions('s1')).toHaveLength(1);
	});
});
