/**
 * Deleted data is gone from the disk, not just from queries: the database file, its write-ahead
 * log and its shared-memory index are scanned byte by byte for a deleted student's name.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, openRepository, type ClassroomRepository } from '$lib/server/db';
import { assignment, student, submission } from './fixtures';

const RULES = { maxTries: 2, lockOnCorrect: true };
let dataDir: string;
let repository: ClassroomRepository;

beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-erasure-'));
	repository = openRepository(dataDir);
});
afterEach(() => {
	repository.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** Which of the store's files (main, -wal, -shm) hold the text, as UTF-8 bytes. */
function filesHolding(text: string): string[] {
	const needle = Buffer.from(text, 'utf8');
	const main = databaseFile(dataDir);
	return [main, `${main}-wal`, `${main}-shm`].filter((file) => existsSync(file) && readFileSync(file).includes(needle));
}

async function classWithNames(assignmentId: string, joinCode: string, names: string[]) {
	await repository.createAssignment(assignment({ id: assignmentId, joinCode, title: `Class ${assignmentId}` }));
	for (const [index, name] of names.entries()) {
		const id = `${assignmentId}-s${index}`;
		const hash = new Uint8Array(32).fill(index + 1);
		hash[0] = assignmentId.charCodeAt(1);
		await repository.addStudent(student({ id, assignmentId, name, resumeCodeHash: hash }));
		await repository.recordSubmission(submission({ studentId: id }), RULES);
	}
}

describe('erasing deleted data from the disk', () => {
	it(
		'leaves no deleted student’s name in the database file, the WAL or the shared memory',
		{ timeout: 30_000 },
		async () => {
			const names = Array.from({ length: 120 }, (_, index) => `Zelda Quintessa ${String(index).padStart(3, '0')}`);
			await classWithNames('a1', 'ABC234', names);
			await classWithNames('a2', 'XYZ789', ['Kept Kestrel']);
			expect(filesHolding('Zelda Quintessa 100')).not.toEqual([]);

			expect(await repository.deleteAssignment('a1')).toBe(true);

			expect(names.filter((name) => filesHolding(name).length > 0)).toEqual([]);
			expect(filesHolding('Class a1')).toEqual([]);
			// What was not deleted is still stored.
			expect(await repository.listStudents('a2')).toMatchObject([{ name: 'Kept Kestrel' }]);
		}
	);

	it('erases one removed student the same way, keeping the rest of the class', async () => {
		await classWithNames('a1', 'ABC234', ['Removed Rosalind', 'Staying Sebastian']);
		expect(await repository.deleteStudent('a1', 'a1-s0')).toBe(true);
		expect(filesHolding('Removed Rosalind')).toEqual([]);
		expect((await repository.listStudents('a1')).map((entry) => entry.name)).toEqual(['Staying Sebastian']);
		expect(await repository.listStudentSubmissions('a1-s0')).toEqual([]);
		// Only a student of that assignment.
		expect(await repository.deleteStudent('a2', 'a1-s1')).toBe(false);
	});
});

describe('merging duplicate students', () => {
	it('moves the duplicate’s tries on questions the kept student never answered, then erases the duplicate', async () => {
		await classWithNames('a1', 'ABC234', ['Ada', 'Ada again']);
		await repository.recordSubmission(submission({ studentId: 'a1-s1', questionId: 'q2', submittedAt: 9_000 }), RULES);

		expect(await repository.mergeStudents('a1', 'a1-s0', 'a1-s1')).toBe(true);

		const kept = await repository.listStudentSubmissions('a1-s0');
		expect(kept.map((entry) => [entry.questionId, entry.tryNumber])).toEqual([
			['q1', 1],
			['q2', 1]
		]);
		expect((await repository.listStudents('a1')).map((entry) => entry.name)).toEqual(['Ada']);
		expect(await repository.findStudent('a1-s0')).toMatchObject({ lastActiveAt: 9_000 });
		expect(filesHolding('Ada again')).toEqual([]);
	});

	it('refuses to merge a student with itself or across assignments', async () => {
		await classWithNames('a1', 'ABC234', ['Ada']);
		await classWithNames('a2', 'XYZ789', ['Ben']);
		expect(await repository.mergeStudents('a1', 'a1-s0', 'a1-s0')).toBe(false);
		expect(await repository.mergeStudents('a1', 'a1-s0', 'a2-s0')).toBe(false);
		expect(await repository.findStudent('a2-s0')).toBeDefined();
	});
});
