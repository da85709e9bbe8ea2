/**
 * The classroom store on PostgreSQL (node-postgres `Pool`), for several app processes sharing one
 * database. Same contract and semantics as the SQLite store:
 *
 * - Every write is committed before its promise resolves (PostgreSQL's default
 *   `synchronous_commit = on`: the commit is flushed to the WAL on disk before it returns).
 * - A hand-in is idempotent across processes: the submission's primary key (student, question,
 *   try) is the final word, inserted with `ON CONFLICT DO NOTHING`, and the check of the try number
 *   against the stored tries runs in the same transaction under a lock on the student's row, so
 *   two processes given the same try at once answer `recorded` and `duplicate`, never two rows.
 * - Deleting an assignment, a student or a merged duplicate runs `VACUUM` on the touched tables
 *   before resolving, so the dead rows are reclaimed at once rather than at autovacuum's leisure.
 *   What that does and does not guarantee is in README.md ("Deploying beyond one server").
 */
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '../canonical-json.ts';
import type { ClassroomRepository, HashScheme, RecordOutcome, SubmissionRecord } from '../repository.ts';
import { migratePostgres } from './migrations.ts';
import { createPool, inTransaction, isUniqueViolation } from './pool.ts';
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
import { ASSIGNMENT_COLUMNS, STUDENT_COLUMNS } from './rows.ts';

/**
 * Every table a deletion can leave dead rows in (ON DELETE CASCADE reaches all of them), the LTI
 * tables that name a student or an assignment's LMS users included.
 */
const ERASED_TABLES = [
	'assignments',
	'assignment_lessons',
	'students',
	'submissions',
	'sessions',
	'lti_students',
	'lti_resource_links',
	'lti_landings',
	'lti_instructor_sessions',
	'lti_due_sweeps'
].join(', ');

export interface PostgresOptions {
	/** A `postgres://` connection string. */
	url: string;
	/** Connections this process may hold at once (default 10). */
	maxConnections?: number;
}

/**
 * Opens a pool on the database and brings its schema up to date before resolving. The classroom,
 * LTI and outbox stores of one process share it; closing the classroom store ends it.
 */
export async function openPostgresPool(options: PostgresOptions): Promise<pg.Pool> {
	const pool = createPool(options.url, options.maxConnections ?? 10);
	const migrator = await pool.connect();
	try {
		await migratePostgres(migrator);
	} catch (error) {
		migrator.release();
		await pool.end();
		throw error;
	}
	migrator.release();
	return pool;
}

/** Opens a pool on the database and brings its schema up to date before resolving. */
export async function openPostgresRepository(options: PostgresOptions): Promise<ClassroomRepository> {
	return postgresRepository(await openPostgresPool(options));
}

/** The classroom store on a migrated pool (`openPostgresPool`); its `close` ends the pool. */
export function postgresRepository(pool: pg.Pool): ClassroomRepository {
	const transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => inTransaction(pool, work);

	/** Reclaims deleted rows now, outside any transaction (VACUUM refuses to run inside one). */
	const vacuum = () => pool.query(`VACUUM ${ERASED_TABLES}`);

	const one = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[]) =>
		(await pool.query<Row>(sql, values)).rows[0];

	let secret: Promise<Uint8Array> | undefined;
	const readOrCreateSecret = async (): Promise<Uint8Array> => {
		// Whichever process gets here first makes the key; the others keep theirs out and read it.
		await pool.query("INSERT INTO server_secrets (name, value) VALUES ('hmac', $1) ON CONFLICT (name) DO NOTHING", [
			randomBytes(32)
		]);
		const row = await one<{ value: Buffer }>("SELECT value FROM server_secrets WHERE name = 'hmac'", []);
		if (!row) throw new Error('PostgreSQL: the store has no HMAC key (server_secrets is empty)');
		return new Uint8Array(row.value);
	};

	return {
		secretKey() {
			// The key never changes once made, so one read per process is enough.
			secret ??= readOrCreateSecret().catch((error: unknown) => {
				secret = undefined;
				throw error;
			});
			return secret;
		},
		async createAssignment(assignment) {
			try {
				await transaction(async (client) => {
					await client.query(
						`INSERT INTO assignments (id, join_code, dashboard_key_hash, dashboard_key_scheme, title, module_slug, due_at, pass_mark, tries, reveal, mode, created_at)
						VALUES ($1, $2, $3, 'hmac', $4, $5, $6, $7, $8, $9, $10, $11)`,
						[
							assignment.id,
							assignment.joinCode,
							Buffer.from(assignment.dashboardKeyHash),
							assignment.title,
							assignment.moduleSlug,
							assignment.dueAt,
							passMarkColumn(assignment.passMark),
							assignment.tries,
							assignment.reveal,
							assignment.mode,
							assignment.createdAt
						]
					);
					await client.query(
						`INSERT INTO assignment_lessons (assignment_id, position, lesson_slug)
						SELECT $1, position - 1, slug FROM unnest($2::text[]) WITH ORDINALITY AS lesson (slug, position)`,
						[assignment.id, assignment.lessons]
					);
				});
				return true;
			} catch (error) {
				if (isUniqueViolation(error, 'assignments_join_code_key')) return false;
				throw error;
			}
		},
		async findAssignment(id) {
			const row = await one<AssignmentRow>(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.id = $1`, [id]);
			return row && toAssignment(row);
		},
		async findAssignmentByJoinCode(joinCode) {
			const row = await one<AssignmentRow>(`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.join_code = $1`, [
				joinCode
			]);
			return row && toAssignment(row);
		},
		async dashboardKeyHash(assignmentId) {
			const row = await one<{ dashboard_key_hash: Buffer; dashboard_key_scheme: HashScheme }>(
				'SELECT dashboard_key_hash, dashboard_key_scheme FROM assignments WHERE id = $1',
				[assignmentId]
			);
			return row && { hash: new Uint8Array(row.dashboard_key_hash), scheme: row.dashboard_key_scheme };
		},
		async upgradeDashboardKeyHash(assignmentId, hmac) {
			await pool.query("UPDATE assignments SET dashboard_key_hash = $1, dashboard_key_scheme = 'hmac' WHERE id = $2", [
				Buffer.from(hmac),
				assignmentId
			]);
		},
		async updateSchedule(id, schedule) {
			const result = await pool.query('UPDATE assignments SET closed_at = $1, due_at = $2 WHERE id = $3', [
				schedule.closedAt,
				schedule.dueAt,
				id
			]);
			return result.rowCount === 1;
		},
		async releaseAnswers(id, at) {
			const result = await pool.query(
				'UPDATE assignments SET released_at = coalesce(released_at, $1), closed_at = coalesce(closed_at, $1) WHERE id = $2',
				[at, id]
			);
			return result.rowCount === 1;
		},
		async deleteAssignment(id) {
			// Students, lessons, submissions and sessions go with it (ON DELETE CASCADE).
			const deleted = (await pool.query('DELETE FROM assignments WHERE id = $1', [id])).rowCount === 1;
			if (deleted) await vacuum();
			return deleted;
		},
		async addStudent(student) {
			await pool.query(
				`INSERT INTO students (id, assignment_id, name, resume_code_hash, resume_code_scheme, created_at, last_active_at)
				VALUES ($1, $2, $3, $4, 'hmac', $5, $5)`,
				[student.id, student.assignmentId, student.name, Buffer.from(student.resumeCodeHash), student.createdAt]
			);
		},
		async findStudent(id) {
			const row = await one<StudentRow>(`SELECT ${STUDENT_COLUMNS} FROM students st WHERE st.id = $1`, [id]);
			return row && toStudent(row);
		},
		async findStudentByResumeCodeHash({ hmac, sha256 }) {
			const row = await transaction(async (client) => {
				const find = async (hash: Uint8Array, scheme: HashScheme) =>
					(
						await client.query<StudentRow>(
							`SELECT ${STUDENT_COLUMNS} FROM students st WHERE st.resume_code_hash = $1 AND st.resume_code_scheme = $2`,
							[Buffer.from(hash), scheme]
						)
					).rows[0];
				const current = await find(hmac, 'hmac');
				if (current) return current;
				const legacy = await find(sha256, 'sha256');
				if (legacy)
					await client.query("UPDATE students SET resume_code_hash = $1, resume_code_scheme = 'hmac' WHERE id = $2", [
						Buffer.from(hmac),
						legacy.id
					]);
				return legacy;
			});
			return row && toStudent(row);
		},
		async listStudents(assignmentId) {
			const { rows } = await pool.query<StudentRow>(
				`SELECT ${STUDENT_COLUMNS} FROM students st WHERE st.assignment_id = $1 ORDER BY st.created_at, st.id COLLATE "C"`,
				[assignmentId]
			);
			return rows.map(toStudent);
		},
		async deleteStudent(assignmentId, studentId) {
			const result = await pool.query('DELETE FROM students WHERE id = $1 AND assignment_id = $2', [
				studentId,
				assignmentId
			]);
			const deleted = result.rowCount === 1;
			if (deleted) await vacuum();
			return deleted;
		},
		async mergeStudents(assignmentId, keepId, duplicateId) {
			if (keepId === duplicateId) return false;
			const merged = await transaction(async (client) => {
				// Both rows locked, in one order, so a hand-in to either waits for the merge.
				const { rows } = await client.query<StudentRow>(
					`SELECT ${STUDENT_COLUMNS} FROM students st WHERE st.id = ANY($1::text[])
					ORDER BY st.id COLLATE "C" FOR NO KEY UPDATE`,
					[[keepId, duplicateId]]
				);
				if (rows.length !== 2 || !rows.every((row) => row.assignment_id === assignmentId)) return false;
				await client.query(
					`UPDATE submissions SET student_id = $1 WHERE student_id = $2
					AND question_id NOT IN (SELECT question_id FROM submissions WHERE student_id = $1)`,
					[keepId, duplicateId]
				);
				// The LMS link goes with the answers when only the duplicate had one (see the SQLite store).
				await client.query(
					`UPDATE lti_students SET student_id = $1 WHERE student_id = $2
					AND NOT EXISTS (SELECT 1 FROM lti_students WHERE student_id = $1)`,
					[keepId, duplicateId]
				);
				await client.query('UPDATE students SET last_active_at = $1 WHERE id = $2', [
					Math.max(...rows.map((row) => row.last_active_at)),
					keepId
				]);
				const deleted = await client.query('DELETE FROM students WHERE id = $1 AND assignment_id = $2', [
					duplicateId,
					assignmentId
				]);
				return deleted.rowCount === 1;
			});
			if (merged) await vacuum();
			return merged;
		},
		async addSession(tokenHash, studentId, now) {
			await pool.query('INSERT INTO sessions (token_hash, student_id, created_at) VALUES ($1, $2, $3)', [
				Buffer.from(tokenHash),
				studentId,
				now
			]);
		},
		async findSessionStudent(tokenHash) {
			const row = await one<StudentRow>(
				`SELECT ${STUDENT_COLUMNS} FROM sessions se JOIN students st ON st.id = se.student_id WHERE se.token_hash = $1`,
				[Buffer.from(tokenHash)]
			);
			return row && toStudent(row);
		},
		async deleteSession(tokenHash) {
			await pool.query('DELETE FROM sessions WHERE token_hash = $1', [Buffer.from(tokenHash)]);
		},
		async recordEvents(buckets, at) {
			await pool.query('INSERT INTO limiter_events (bucket, at) SELECT unnest($1::text[]), $2', [buckets, at]);
		},
		async countEvents(bucket, since) {
			const row = await one<{ n: number }>('SELECT count(*) AS n FROM limiter_events WHERE bucket = $1 AND at >= $2', [
				bucket,
				since
			]);
			return row?.n ?? 0;
		},
		async pruneEvents(before) {
			await pool.query('DELETE FROM limiter_events WHERE at < $1', [before]);
		},
		async recordSubmission(submission, rules) {
			return transaction(async (client): Promise<RecordOutcome> => {
				// Serializes this student's hand-ins across processes: the tries read below cannot change
				// until this transaction ends. NO KEY UPDATE still lets other rows reference the student.
				await client.query('SELECT 1 FROM students WHERE id = $1 FOR NO KEY UPDATE', [submission.studentId]);
				const triesOfQuestion = async () =>
					(
						await client.query<SubmissionRow>(
							`SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id = $1 AND s.question_id = $2 ORDER BY s.try_number`,
							[submission.studentId, submission.questionId]
						)
					).rows.map(toSubmission);
				const sameTry = (stored: SubmissionRecord): RecordOutcome => ({
					status: canonicalJson(stored.response) === canonicalJson(submission.response) ? 'duplicate' : 'conflict',
					submission: stored
				});

				const previous = await triesOfQuestion();
				const same = previous.find((stored) => stored.tryNumber === submission.tryNumber);
				if (same) return sameTry(same);
				const finished =
					previous.length >= rules.maxTries || (rules.lockOnCorrect && previous.some((stored) => stored.correct));
				if (finished) return { status: 'finished' };
				if (submission.tryNumber !== previous.length + 1) {
					return { status: 'out-of-order', expectedTry: previous.length + 1 };
				}
				const inserted = await client.query(
					`INSERT INTO submissions (student_id, question_id, lesson_slug, try_number, response, score, correct, submitted_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
					ON CONFLICT (student_id, question_id, try_number) DO NOTHING`,
					[
						submission.studentId,
						submission.questionId,
						submission.lessonSlug,
						submission.tryNumber,
						canonicalJson(submission.response),
						submission.score,
						submission.correct,
						submission.submittedAt
					]
				);
				if (inserted.rowCount === 0) {
					// Only reachable if the student row vanished under us; the key still keeps one row.
					const stored = (await triesOfQuestion()).find((entry) => entry.tryNumber === submission.tryNumber);
					if (stored) return sameTry(stored);
				}
				await client.query('UPDATE students SET last_active_at = greatest(last_active_at, $1) WHERE id = $2', [
					submission.submittedAt,
					submission.studentId
				]);
				return { status: 'recorded', submission };
			});
		},
		async listStudentSubmissions(studentId) {
			const { rows } = await pool.query<SubmissionRow>(
				`SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id = $1
				ORDER BY s.submitted_at, s.question_id COLLATE "C", s.try_number`,
				[studentId]
			);
			return rows.map(toSubmission);
		},
		async listSubmissionsOfStudents(studentIds) {
			const { rows } = await pool.query<SubmissionRow>(
				`SELECT ${SUBMISSION_COLUMNS} FROM submissions s WHERE s.student_id = ANY($1::text[])
				ORDER BY s.student_id COLLATE "C", s.question_id COLLATE "C", s.try_number`,
				[[...studentIds]]
			);
			return rows.map(toSubmission);
		},
		async listAssignmentSubmissions(assignmentId) {
			const { rows } = await pool.query<SubmissionRow>(
				`SELECT ${SUBMISSION_COLUMNS} FROM submissions s JOIN students st ON st.id = s.student_id
				WHERE st.assignment_id = $1
				ORDER BY s.submitted_at, s.student_id COLLATE "C", s.question_id COLLATE "C", s.try_number`,
				[assignmentId]
			);
			return rows.map(toSubmission);
		},
		async ping() {
			await pool.query('SELECT 1');
		},
		async close() {
			if (!pool.ended) await pool.end();
		}
	};
}
