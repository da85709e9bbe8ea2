/**
 * The classroom store on SQLite (better-sqlite3). WAL journal with `synchronous = FULL`: every
 * committed transaction is on disk before the call returns, so a crash, a restart or a power cut
 * loses no submission the server has acknowledged. Hand-ins, the one write a whole class makes
 * at once, are committed in groups and flushed from libuv's thread pool instead, and answered
 * only once flushed: as durable, without the event loop waiting for the disk (group-commit.ts).
 *
 * Deleted data is really gone: `secure_delete` overwrites freed pages with zeros, and after a
 * delete the WAL (which still holds the old pages) is checkpointed into the main file and
 * truncated to nothing.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
	ClassroomRepository,
	HashScheme,
	NewAssignment,
	RecordOutcome,
	SubmissionRecord,
	SubmissionRules
} from '../repository.ts';
import { canonicalJson } from '../canonical-json.ts';
import {
	SUBMISSION_COLUMNS,
	passMarkColumn,
	toAssignment,
	toStudent,
	toSubmission,
	type AssignmentRow,
	type StudentRow,
	type SubmissionRow
} from '../classroom-rows.ts';
import { groupCommit } from './group-commit.ts';
import { migrate } from './migrations.ts';

const ASSIGNMENT_COLUMNS = `
	a.id, a.join_code, a.title, a.module_slug, a.due_at, a.pass_mark, a.tries, a.reveal, a.mode, a.closed_at,
	a.released_at, a.created_at,
	(SELECT json_group_array(lesson_slug) FROM (
		SELECT lesson_slug FROM assignment_lessons WHERE assignment_id = a.id ORDER BY position
	)) AS lessons`;

function isUniqueViolation(error: unknown, column: string): boolean {
	return (
		error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(column)
	);
}

export interface SqliteOptions {
	/** Path of the database file; its folder is created if missing. */
	file: string;
}

/**
 * The classroom store together with its open database handle, so other stores that keep their
 * tables in the same file (the LTI store, the LTI score outbox) share its connection, pragmas and
 * migrations.
 */
export interface SqliteClassroomRepository extends ClassroomRepository {
	readonly database: Database.Database;
}

/**
 * Flushes the database's WAL file to disk from libuv's thread pool, so the event loop does not
 * wait for the disk (group-commit.ts commits hand-ins without a flush and acknowledges them after
 * this one). fsync flushes the file whatever descriptor wrote it; SQLite keeps the WAL file, only
 * emptying it, while the connection is open. `flushNow` is for closing: it waits.
 */
function walFlusher(db: Database.Database): { flush(): Promise<void>; flushNow(): void; close(): void } {
	let descriptor: number | undefined;
	// Opened at the first flush: a commit has been written, so the file exists.
	const wal = () => (descriptor ??= openSync(`${db.name}-wal`, 'r'));
	return {
		flush: () =>
			new Promise((resolve, reject) => {
				fsync(wal(), (error) => (error ? reject(error) : resolve()));
			}),
		flushNow() {
			if (existsSync(`${db.name}-wal`)) fsyncSync(wal());
		},
		close() {
			if (descriptor !== undefined) closeSync(descriptor);
			descriptor = undefined;
		}
	};
}

/** Opens (creating and migrating if needed) the database file with the settings above. */
export function openSqliteDatabase(file: string): Database.Database {
	mkdirSync(dirname(file), { recursive: true });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	db.pragma('secure_delete = ON');
	migrate(db);
	return db;
}

/**
 * The classroom store on its own database file, or on a database already opened by
 * `openSqliteDatabase` (shared with the LTI store); either way closing the repository closes it.
 */
export function openSqliteRepository(
	options: SqliteOptions | { database: Database.Database }
): SqliteClassroomRepository {
	const db = 'database' in options ? options.database : openSqliteDatabase(options.file);

	/** Copies the WAL into the database file and empties it, so no deleted page survives in it. */
	const eraseWal = () => db.pragma('wal_checkpoint(TRUNCATE)');

	const statements = {
		insertAssignment: db.prepare(`
			INSERT INTO assignments (id, join_code, dashboard_key_hash, dashboard_key_scheme, title, module_slug, due_at, pass_mark, tries, reveal, mode, created_at)
			VALUES (@id, @joinCode, @dashboardKeyHash, 'hmac', @title, @moduleSlug, @dueAt, @passMark, @tries, @reveal, @mode, @createdAt)`),
		insertLesson: db.prepare('INSERT INTO assignment_lessons (assignment_id, position, lesson_slug) VALUES (?, ?, ?)'),
		assignmentById: db.prepare<[string], AssignmentRow>(
			`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.id = ?`
		),
		assignmentByJoinCode: db.prepare<[string], AssignmentRow>(
			`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.join_code = ?`
		),
		secretKey: db.prepare<[], { value: Buffer }>("SELECT value FROM server_secrets WHERE name = 'hmac'"),
		dashboardKeyHash: db.prepare<[string], { dashboard_key_hash: Buffer; dashboard_key_scheme: HashScheme }>(
			'SELECT dashboard_key_hash, dashboard_key_scheme FROM assignments WHERE id = ?'
		),
		upgradeDashboardKey: db.prepare(
			"UPDATE assignments SET dashboard_key_hash = ?, dashboard_key_scheme = 'hmac' WHERE id = ?"
		),
		updateSchedule: db.prepare('UPDATE assignments SET closed_at = ?, due_at = ? WHERE id = ?'),
		releaseAnswers: db.prepare(
			'UPDATE assignments SET released_at = coalesce(released_at, @at), closed_at = coalesce(closed_at, @at) WHERE id = @id'
		),
		deleteAssignment: db.prepare('DELETE FROM assignments WHERE id = ?'),
		insertStudent: db.prepare(`
			INSERT INTO students (id, assignment_id, name, resume_code_hash, resume_code_scheme, created_at, last_active_at)
			VALUES (@id, @assignmentId, @name, @resumeCodeHash, 'hmac', @createdAt, @createdAt)`),
		studentById: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE id = ?'),
		studentByResumeCodeHash: db.prepare<[Uint8Array, HashScheme], StudentRow>(
			'SELECT * FROM students WHERE resume_code_hash = ? AND resume_code_scheme = ?'
		),
		upgradeResumeCode: db.prepare("UPDATE students SET resume_code_hash = ?, resume_code_scheme = 'hmac' WHERE id = ?"),
		deleteStudent: db.prepare('DELETE FROM students WHERE id = ? AND assignment_id = ?'),
		moveUnansweredTries: db.prepare(`
			UPDATE submissions SET student_id = @keep WHERE student_id = @duplicate
			AND question_id NOT IN (SELECT question_id FROM submissions WHERE student_id = @keep)`),
		// The duplicate came from an LMS and the kept record did not: the LMS link goes with the
		// answers, or the learner's next launch would start a third record and the LMS lose the score.
		moveLmsLink: db.prepare(`
			UPDATE lti_students SET student_id = @keep WHERE student_id = @duplicate
			AND NOT EXISTS (SELECT 1 FROM lti_students WHERE student_id = @keep)`),
		insertSession: db.prepare('INSERT INTO sessions (token_hash, student_id, created_at) VALUES (?, ?, ?)'),
		sessionStudent: db.prepare<[Uint8Array], StudentRow>(
			'SELECT st.* FROM sessions se JOIN students st ON st.id = se.student_id WHERE se.token_hash = ?'
		),
		deleteSession: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
		insertEvent: db.prepare('INSERT INTO limiter_events (bucket, at) VALUES (?, ?)'),
		countEvents: db.prepare<[string, number], { n: number }>(
			'SELECT count(*) AS n FROM limiter_events WHERE bucket = ? AND at >= ?'
		),
		pruneEvents: db.prepare('DELETE FROM limiter_events WHERE at < ?'),
		studentsOfAssignment: db.prepare<[string], StudentRow>(
			'SELECT * FROM students WHERE assignment_id = ? ORDER BY created_at, id'
		),
		touchStudent: db.prepare('UPDATE students SET last_active_at = max(last_active_at, ?) WHERE id = ?'),
		triesOfQuestion: db.prepare<[string, string], SubmissionRow>(
			`SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id = ? AND s.question_id = ? ORDER BY s.try_number`
		),
		insertSubmission: db.prepare(`
			INSERT INTO submissions (student_id, question_id, lesson_slug, try_number, response, score, correct, submitted_at)
			VALUES (@studentId, @questionId, @lessonSlug, @tryNumber, @response, @score, @correct, @submittedAt)`),
		submissionsOfStudent: db.prepare<[string], SubmissionRow>(
			`SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id = ? ORDER BY s.submitted_at, s.question_id, s.try_number`
		),
		submissionsOfStudents: db.prepare<[string], SubmissionRow>(`
			SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id IN (SELECT value FROM json_each(?))
			ORDER BY s.student_id, s.question_id, s.try_number`),
		submissionsOfAssignment: db.prepare<[string], SubmissionRow>(`
			SELECT ${SUBMISSION_COLUMNS} FROM submissions s JOIN students st ON st.id = s.student_id
			WHERE st.assignment_id = ? ORDER BY s.submitted_at, s.student_id, s.question_id, s.try_number`)
	};

	const createAssignment = db.transaction((assignment: NewAssignment) => {
		statements.insertAssignment.run({
			...assignment,
			passMark: passMarkColumn(assignment.passMark),
			dashboardKeyHash: Buffer.from(assignment.dashboardKeyHash)
		});
		assignment.lessons.forEach((lesson, position) => statements.insertLesson.run(assignment.id, position, lesson));
	});

	/** Checks one try against the stored ones and stores it; runs inside a group commit's transaction. */
	const recordSubmission = (submission: SubmissionRecord, rules: SubmissionRules): RecordOutcome => {
		const previous = statements.triesOfQuestion.all(submission.studentId, submission.questionId).map(toSubmission);
		const same = previous.find((stored) => stored.tryNumber === submission.tryNumber);
		if (same) {
			const identical = canonicalJson(same.response) === canonicalJson(submission.response);
			return { status: identical ? 'duplicate' : 'conflict', submission: same };
		}
		const finished =
			previous.length >= rules.maxTries || (rules.lockOnCorrect && previous.some((stored) => stored.correct));
		if (finished) return { status: 'finished' };
		if (submission.tryNumber !== previous.length + 1) {
			return { status: 'out-of-order', expectedTry: previous.length + 1 };
		}
		statements.insertSubmission.run({
			...submission,
			response: canonicalJson(submission.response),
			correct: submission.correct ? 1 : 0
		});
		statements.touchStudent.run(submission.submittedAt, submission.studentId);
		return { status: 'recorded', submission };
	};
	let secret: Uint8Array | undefined;

	/**
	 * Hand-ins arriving together share one transaction, and the WAL's flush runs off the event
	 * loop (group-commit.ts). An in-memory database has nothing to flush.
	 */
	const wal = db.memory ? undefined : walFlusher(db);
	const submissions = groupCommit(
		db,
		({ submission, rules }: { submission: SubmissionRecord; rules: SubmissionRules }) =>
			recordSubmission(submission, rules),
		{ sync: wal?.flush }
	);

	const findStudentByResumeCode = db.transaction((hmac: Uint8Array, sha256: Uint8Array) => {
		const current = statements.studentByResumeCodeHash.get(Buffer.from(hmac), 'hmac');
		if (current) return current;
		const legacy = statements.studentByResumeCodeHash.get(Buffer.from(sha256), 'sha256');
		if (legacy) statements.upgradeResumeCode.run(Buffer.from(hmac), legacy.id);
		return legacy;
	});

	const mergeStudents = db.transaction((assignmentId: string, keep: string, duplicate: string): boolean => {
		const both = [keep, duplicate].map((id) => statements.studentById.get(id));
		if (keep === duplicate || !both.every((row) => row?.assignment_id === assignmentId)) return false;
		statements.moveUnansweredTries.run({ keep, duplicate });
		statements.moveLmsLink.run({ keep, duplicate });
		const active = both.map((row) => row?.last_active_at ?? 0);
		statements.touchStudent.run(Math.max(...active), keep);
		return statements.deleteStudent.run(duplicate, assignmentId).changes === 1;
	});

	const recordEvents = db.transaction((buckets: string[], at: number) => {
		for (const bucket of buckets) statements.insertEvent.run(bucket, at);
	});

	return {
		database: db,
		async secretKey() {
			// The key never changes once the first migration made it: one read per store, not one
			// per request (every signed-in request hashes its session token with it).
			if (!secret) {
				const row = statements.secretKey.get();
				if (!row) throw new Error(`${db.name}: the store has no HMAC key (server_secrets is empty)`);
				secret = new Uint8Array(row.value);
			}
			return secret;
		},
		async createAssignment(assignment) {
			try {
				createAssignment(assignment);
				return true;
			} catch (error) {
				if (isUniqueViolation(error, 'join_code')) return false;
				throw error;
			}
		},
		async findAssignment(id) {
			const row = statements.assignmentById.get(id);
			return row && toAssignment(row);
		},
		async findAssignmentByJoinCode(joinCode) {
			const row = statements.assignmentByJoinCode.get(joinCode);
			return row && toAssignment(row);
		},
		async dashboardKeyHash(assignmentId) {
			const row = statements.dashboardKeyHash.get(assignmentId);
			return row && { hash: new Uint8Array(row.dashboard_key_hash), scheme: row.dashboard_key_scheme };
		},
		async upgradeDashboardKeyHash(assignmentId, hmac) {
			statements.upgradeDashboardKey.run(Buffer.from(hmac), assignmentId);
		},
		async updateSchedule(id, schedule) {
			return statements.updateSchedule.run(schedule.closedAt, schedule.dueAt, id).changes === 1;
		},
		async releaseAnswers(id, at) {
			return statements.releaseAnswers.run({ id, at }).changes === 1;
		},
		async deleteAssignment(id) {
			// Students, lessons and submissions go with it (ON DELETE CASCADE).
			const deleted = statements.deleteAssignment.run(id).changes === 1;
			if (deleted) eraseWal();
			return deleted;
		},
		async addStudent(student) {
			statements.insertStudent.run({ ...student, resumeCodeHash: Buffer.from(student.resumeCodeHash) });
		},
		async findStudent(id) {
			const row = statements.studentById.get(id);
			return row && toStudent(row);
		},
		async findStudentByResumeCodeHash({ hmac, sha256 }) {
			const row = findStudentByResumeCode(hmac, sha256);
			return row && toStudent(row);
		},
		async listStudents(assignmentId) {
			return statements.studentsOfAssignment.all(assignmentId).map(toStudent);
		},
		async deleteStudent(assignmentId, studentId) {
			const deleted = statements.deleteStudent.run(studentId, assignmentId).changes === 1;
			if (deleted) eraseWal();
			return deleted;
		},
		async mergeStudents(assignmentId, keepId, duplicateId) {
			const merged = mergeStudents(assignmentId, keepId, duplicateId);
			if (merged) eraseWal();
			return merged;
		},
		async addSession(tokenHash, studentId, now) {
			statements.insertSession.run(Buffer.from(tokenHash), studentId, now);
		},
		async findSessionStudent(tokenHash) {
			const row = statements.sessionStudent.get(Buffer.from(tokenHash));
			return row && toStudent(row);
		},
		async deleteSession(tokenHash) {
			statements.deleteSession.run(Buffer.from(tokenHash));
		},
		async recordEvents(buckets, at) {
			recordEvents(buckets, at);
		},
		async countEvents(bucket, since) {
			return statements.countEvents.get(bucket, since)?.n ?? 0;
		},
		async pruneEvents(before) {
			statements.pruneEvents.run(before);
		},
		async recordSubmission(submission, rules) {
			return submissions.submit({ submission, rules });
		},
		async listStudentSubmissions(studentId) {
			return statements.submissionsOfStudent.all(studentId).map(toSubmission);
		},
		async listSubmissionsOfStudents(studentIds) {
			return statements.submissionsOfStudents.all(JSON.stringify(studentIds)).map(toSubmission);
		},
		async listAssignmentSubmissions(assignmentId) {
			return statements.submissionsOfAssignment.all(assignmentId).map(toSubmission);
		},
		async ping() {
			db.prepare('SELECT 1').get();
		},
		async close() {
			if (!db.open) return;
			submissions.drain();
			// What was committed without waiting for the disk is flushed now, before anyone is told
			// (closing checkpoints the WAL only when no other process has the file open).
			wal?.flushNow();
			submissions.settle();
			db.close();
			wal?.close();
		}
	};
}
