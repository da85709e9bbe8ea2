/**
 * The store's contract, run against both engines: SQLite on a real file in a temp folder and
 * PostgreSQL on a throwaway cluster (never a mock). SQLite-only behaviour (erasure from the
 * file, migrating the file) is tested in erasure.test.ts and migrations.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClassroomRepository } from '$lib/server/db';
import { assignment, student, submission } from './fixtures';
import { BACKENDS } from './store-backends';

const RULES = { maxTries: 2, lockOnCorrect: true };

const backends = BACKENDS.map((make) => make()).map((backend) => [backend.name, backend] as const);

describe.each(backends)('the %s store', (_name, backend) => {
	let repository: ClassroomRepository;

	beforeAll(() => backend.setUp(), 60_000);
	afterAll(() => backend.tearDown());
	beforeEach(async () => {
		repository = await backend.open();
	});
	afterEach(() => repository.close());

	it('answers a ping while open', async () => {
		await expect(repository.ping()).resolves.toBeUndefined();
	});

	it('gives two stores opened at once on one database the same secret key', async () => {
		const [first, second] = await Promise.all([backend.reopen(), backend.reopen()]);
		try {
			const keys = await Promise.all([first.secretKey(), second.secretKey(), repository.secretKey()]);
			expect(keys[0]).toHaveLength(32);
			expect(keys[1]).toEqual(keys[0]);
			expect(keys[2]).toEqual(keys[0]);
		} finally {
			await Promise.all([first.close(), second.close()]);
		}
	});

	describe('assignments', () => {
		it('stores an assignment and finds it by id and by join code, lessons in order', async () => {
			expect(await repository.createAssignment(assignment({ lessons: ['the-report', 'the-call'] }))).toBe(true);
			const byId = await repository.findAssignment('a1');
			expect(byId).toEqual({
				id: 'a1',
				joinCode: 'ABC234',
				title: 'Year 11: the calls',
				moduleSlug: 'every-type',
				lessons: ['the-report', 'the-call'],
				dueAt: null,
				passMark: 0.8,
				tries: 2,
				reveal: 'immediate',
				mode: 'practice',
				closedAt: null,
				releasedAt: null,
				createdAt: 1_000
			});
			expect(await repository.findAssignmentByJoinCode('ABC234')).toEqual(byId);
			expect(await repository.findAssignment('nope')).toBeUndefined();
			expect(await repository.findAssignmentByJoinCode('ZZZ999')).toBeUndefined();
		});

		it('keeps the pass mark as the whole percentage its column has always held, and reads it back as a share', async () => {
			await repository.createAssignment(assignment({ passMark: 0.7 }));
			expect(await backend.columnValues('assignments', 'pass_mark')).toEqual([70]);
			expect((await repository.findAssignment('a1'))?.passMark).toBe(0.7);
		});

		it('keeps only the dashboard key hash, and returns it as stored', async () => {
			await repository.createAssignment(assignment());
			expect(await repository.dashboardKeyHash('a1')).toEqual({ hash: new Uint8Array(32).fill(7), scheme: 'hmac' });
			expect(await repository.dashboardKeyHash('nope')).toBeUndefined();
		});

		it('answers false for a join code already in use, and stores nothing', async () => {
			await repository.createAssignment(assignment());
			expect(await repository.createAssignment(assignment({ id: 'a2' }))).toBe(false);
			expect(await repository.findAssignment('a2')).toBeUndefined();
		});

		it('closes, reopens and moves the due date', async () => {
			await repository.createAssignment(assignment());
			expect(await repository.updateSchedule('a1', { closedAt: 5_000, dueAt: 9_000 })).toBe(true);
			expect(await repository.findAssignment('a1')).toMatchObject({ closedAt: 5_000, dueAt: 9_000 });
			await repository.updateSchedule('a1', { closedAt: null, dueAt: 9_000 });
			expect(await repository.findAssignment('a1')).toMatchObject({ closedAt: null });
			expect(await repository.updateSchedule('nope', { closedAt: null, dueAt: null })).toBe(false);
		});

		it('releases the answers once, closing the assignment if it was open', async () => {
			await repository.createAssignment(assignment({ mode: 'assessed' }));
			expect(await repository.releaseAnswers('a1', 5_000)).toBe(true);
			expect(await repository.findAssignment('a1')).toMatchObject({
				mode: 'assessed',
				releasedAt: 5_000,
				closedAt: 5_000
			});
			// A second press keeps the first time; a closed assignment keeps the time it was closed.
			await repository.releaseAnswers('a1', 9_000);
			expect(await repository.findAssignment('a1')).toMatchObject({ releasedAt: 5_000, closedAt: 5_000 });
			expect(await repository.releaseAnswers('nope', 9_000)).toBe(false);
		});

		it('deletes an assignment with its students and every answer', async () => {
			await repository.createAssignment(assignment());
			await repository.createAssignment(assignment({ id: 'a2', joinCode: 'XYZ789' }));
			await repository.addStudent(student());
			await repository.addStudent(
				student({ id: 's2', assignmentId: 'a2', resumeCodeHash: new Uint8Array(32).fill(2) })
			);
			await repository.recordSubmission(submission(), RULES);
			await repository.recordSubmission(submission({ studentId: 's2' }), RULES);

			expect(await repository.deleteAssignment('a1')).toBe(true);
			expect(await repository.findAssignment('a1')).toBeUndefined();
			expect(await repository.findStudent('s1')).toBeUndefined();
			expect(await repository.listStudentSubmissions('s1')).toEqual([]);
			const counts = await Promise.all(
				['assignments', 'assignment_lessons', 'students', 'submissions'].map((table) => backend.countRows(table))
			);
			expect(counts).toEqual([1, 2, 1, 1]);
			expect(await repository.deleteAssignment('a1')).toBe(false);
		});
	});

	describe('students', () => {
		beforeEach(async () => {
			await repository.createAssignment(assignment());
		});

		it('stores a name exactly as typed, markup included, and finds the student by resume code hash', async () => {
			await repository.addStudent(student({ name: '<b>Bobby</b> "Tables"; DROP TABLE students' }));
			const found = await repository.findStudentByResumeCodeHash({
				hmac: new Uint8Array(32).fill(1),
				sha256: new Uint8Array(32).fill(8)
			});
			expect(found).toEqual({
				id: 's1',
				assignmentId: 'a1',
				name: '<b>Bobby</b> "Tables"; DROP TABLE students',
				createdAt: 2_000,
				lastActiveAt: 2_000
			});
			// A new row is HMAC'd: its hash is not looked up as a legacy SHA-256 one.
			const asLegacy = { hmac: new Uint8Array(32).fill(9), sha256: new Uint8Array(32).fill(1) };
			expect(await repository.findStudentByResumeCodeHash(asLegacy)).toBeUndefined();
		});

		it('lists an assignment’s students in join order', async () => {
			await repository.addStudent(
				student({ id: 's2', name: 'Ben', createdAt: 2_500, resumeCodeHash: new Uint8Array(32).fill(2) })
			);
			await repository.addStudent(student());
			expect((await repository.listStudents('a1')).map((entry) => entry.name)).toEqual(['Ada', 'Ben']);
		});

		it('refuses a student for an assignment that does not exist', async () => {
			await expect(repository.addStudent(student({ assignmentId: 'nope' }))).rejects.toThrow(/foreign key/i);
		});
	});

	describe('what every app process shares through the store', () => {
		it('finds a session and counts guesses written through another store on the same database', async () => {
			await repository.createAssignment(assignment());
			await repository.addStudent(student());
			const other = await backend.reopen();
			try {
				const token = new Uint8Array(32).fill(9);
				await repository.addSession(token, 's1', 4_000);
				expect(await other.findSessionStudent(token)).toMatchObject({ id: 's1' });
				await other.deleteSession(token);
				expect(await repository.findSessionStudent(token)).toBeUndefined();

				await repository.recordEvents(['guess:1.2.3.4', 'guess:a1'], 5_000);
				await other.recordEvents(['guess:1.2.3.4'], 6_000);
				expect(await repository.countEvents('guess:1.2.3.4', 5_000)).toBe(2);
				expect(await other.countEvents('guess:1.2.3.4', 5_500)).toBe(1);
				await other.pruneEvents(5_500);
				expect(await repository.countEvents('guess:a1', 0)).toBe(0);
			} finally {
				await other.close();
			}
		});
	});

	describe('submissions', () => {
		beforeEach(async () => {
			await repository.createAssignment(assignment());
			await repository.addStudent(student());
		});

		it('keeps one row for the same try sent at once through two stores on one database', async () => {
			const other = await backend.reopen();
			try {
				const tries = Array.from({ length: 20 }, (_, index) =>
					(index % 2 ? other : repository).recordSubmission(submission({ submittedAt: 3_000 + index }), RULES)
				);
				const statuses = (await Promise.all(tries)).map((outcome) => outcome.status);
				expect(statuses.filter((status) => status === 'recorded')).toHaveLength(1);
				expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(19);
				expect(await backend.countRows('submissions')).toBe(1);
			} finally {
				await other.close();
			}
		});

		it('records a try, marks the student active and returns it', async () => {
			const outcome = await repository.recordSubmission(submission({ submittedAt: 4_000 }), RULES);
			expect(outcome).toEqual({ status: 'recorded', submission: submission({ submittedAt: 4_000 }) });
			expect(await repository.listStudentSubmissions('s1')).toEqual([submission({ submittedAt: 4_000 })]);
			expect((await repository.findStudent('s1'))?.lastActiveAt).toBe(4_000);
		});

		it('treats the same try sent twice as one, acknowledging the stored one', async () => {
			await repository.recordSubmission(submission(), RULES);
			const again = await repository.recordSubmission(submission({ submittedAt: 9_999 }), RULES);
			expect(again).toEqual({ status: 'duplicate', submission: submission() });
			expect(await repository.listStudentSubmissions('s1')).toHaveLength(1);
		});

		it('compares answers whatever order their fields arrive in', async () => {
			const response = { type: 'matching' as const, matches: { q1: 'a', q2: 'b' } };
			await repository.recordSubmission(submission({ response, score: 0, correct: false }), RULES);
			const reordered = { type: 'matching' as const, matches: { q2: 'b', q1: 'a' } };
			expect((await repository.recordSubmission(submission({ response: reordered }), RULES)).status).toBe('duplicate');
		});

		it('refuses a different answer under a try number already used', async () => {
			await repository.recordSubmission(submission({ correct: false, score: 0 }), RULES);
			const conflict = await repository.recordSubmission(
				submission({ response: { type: 'single', choice: 'other' } }),
				RULES
			);
			expect(conflict.status).toBe('conflict');
			expect(await repository.listStudentSubmissions('s1')).toEqual([submission({ correct: false, score: 0 })]);
		});

		it('takes tries in order only', async () => {
			expect(await repository.recordSubmission(submission({ tryNumber: 2 }), RULES)).toEqual({
				status: 'out-of-order',
				expectedTry: 1
			});
			await repository.recordSubmission(submission({ correct: false, score: 0 }), RULES);
			expect(
				await repository.recordSubmission(submission({ tryNumber: 3 }), { maxTries: 5, lockOnCorrect: true })
			).toEqual({
				status: 'out-of-order',
				expectedTry: 2
			});
		});

		it('refuses a try beyond the allowed number', async () => {
			await repository.recordSubmission(submission({ correct: false, score: 0 }), RULES);
			await repository.recordSubmission(submission({ tryNumber: 2, correct: false, score: 0 }), RULES);
			expect(await repository.recordSubmission(submission({ tryNumber: 3 }), RULES)).toEqual({ status: 'finished' });
		});

		it('ends a question at a correct try only when told to', async () => {
			await repository.recordSubmission(submission(), RULES);
			expect(await repository.recordSubmission(submission({ tryNumber: 2 }), RULES)).toEqual({ status: 'finished' });
			const revise = await repository.recordSubmission(submission({ tryNumber: 2 }), {
				maxTries: 2,
				lockOnCorrect: false
			});
			expect(revise.status).toBe('recorded');
		});

		it('lists an assignment’s tries across its students only', async () => {
			await repository.createAssignment(assignment({ id: 'a2', joinCode: 'XYZ789' }));
			await repository.addStudent(
				student({ id: 's2', assignmentId: 'a2', resumeCodeHash: new Uint8Array(32).fill(2) })
			);
			await repository.recordSubmission(submission(), RULES);
			await repository.recordSubmission(submission({ studentId: 's2', questionId: 'q2' }), RULES);
			expect((await repository.listAssignmentSubmissions('a1')).map((entry) => entry.studentId)).toEqual(['s1']);
			expect((await repository.listAssignmentSubmissions('a2')).map((entry) => entry.questionId)).toEqual(['q2']);
		});

		it('survives closing and reopening the database', async () => {
			await repository.recordSubmission(submission(), RULES);
			await repository.close();
			repository = await backend.reopen();
			expect(await repository.listStudentSubmissions('s1')).toEqual([submission()]);
		});
	});

	describe('durability', () => {
		it('keeps every acknowledged submission when the process is killed without closing the store', async () => {
			await repository.close();
			const child = spawnSync(
				process.execPath,
				['--import', 'tsx', 'tests/lib/server/db/crash-child.ts', backend.location(), '50'],
				{ encoding: 'utf8' }
			);
			expect(child.signal, child.stderr).toBe('SIGKILL');
			const acknowledged = child.stdout.split('\n').filter((line) => line.startsWith('ack ')).length;
			expect(acknowledged).toBe(50);
			repository = await backend.reopen();
			expect(await repository.listStudentSubmissions('s1')).toHaveLength(acknowledged);
		});

		it('keeps every acknowledged hand-in when killed while hand-ins sent at once are still being committed', async () => {
			await repository.close();
			const child = spawnSync(
				process.execPath,
				['--import', 'tsx', 'tests/lib/server/db/crash-child.ts', backend.location(), '400', 'at-once'],
				{ encoding: 'utf8' }
			);
			expect(child.signal, child.stderr).toBe('SIGKILL');
			const acknowledged = child.stdout
				.split('\n')
				.filter((line) => line.startsWith('ack '))
				.map((line) => line.slice(4));
			expect(acknowledged.length).toBeGreaterThanOrEqual(200);
			repository = await backend.reopen();
			const stored = new Set((await repository.listStudentSubmissions('s1')).map((entry) => entry.questionId));
			expect(acknowledged.filter((questionId) => !stored.has(questionId))).toEqual([]);
		});
	});
});
