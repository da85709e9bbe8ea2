/**
 * The classroom store on SQLite (better-sqlite3). WAL journal with `synchronous = FULL`: every
 * committed transaction is on disk before the call returns, so a crash, a restart or a power cut
 * loses no submission the server has acknowledged.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Response } from '$lib/quiz/grade';
import type {
	AssignmentMode,
	AssignmentRecord,
	ClassroomRepository,
	NewAssignment,
	RecordOutcome,
	RevealPolicy,
	StudentRecord,
	SubmissionRecord,
	SubmissionRules
} from '../repository.ts';
import { migrate } from './migrations.ts';

interface AssignmentRow {
	id: string;
	join_code: string;
	title: string;
	module_slug: string;
	due_at: number | null;
	pass_mark: number;
	tries: number;
	reveal: RevealPolicy;
	mode: AssignmentMode;
	closed_at: number | null;
	released_at: number | null;
	created_at: number;
	lessons: string;
}

interface StudentRow {
	id: string;
	assignment_id: string;
	name: string;
	created_at: number;
	last_active_at: number;
}

interface SubmissionRow {
	student_id: string;
	question_id: string;
	lesson_slug: string;
	try_number: number;
	response: string;
	score: number;
	correct: number;
	submitted_at: number;
}

const ASSIGNMENT_COLUMNS = `
	a.id, a.join_code, a.title, a.module_slug, a.due_at, a.pass_mark, a.tries, a.reveal, a.mode, a.closed_at,
	a.released_at, a.created_at,
	(SELECT json_group_array(lesson_slug) FROM (
		SELECT lesson_slug FROM assignment_lessons WHERE assignment_id = a.id ORDER BY position
	)) AS lessons`;

const SUBMISSION_COLUMNS =
	's.student_id, s.question_id, s.lesson_slug, s.try_number, s.response, s.score, s.correct, s.submitted_at';

function toAssignment(row: AssignmentRow): AssignmentRecord {
	return {
		id: row.id,
		joinCode: row.join_code,
		title: row.title,
		moduleSlug: row.module_slug,
		lessons: JSON.parse(row.lessons) as string[],
		dueAt: row.due_at,
		passMark: row.pass_mark,
		tries: row.tries,
		reveal: row.reveal,
		mode: row.mode,
		closedAt: row.closed_at,
		releasedAt: row.released_at,
		createdAt: row.created_at
	};
}

function toStudent(row: StudentRow): StudentRecord {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		name: row.name,
		createdAt: row.created_at,
		lastActiveAt: row.last_active_at
	};
}

function toSubmission(row: SubmissionRow): SubmissionRecord {
	return {
		studentId: row.student_id,
		questionId: row.question_id,
		lessonSlug: row.lesson_slug,
		tryNumber: row.try_number,
		// Written by this module from a response the server validated and graded.
		response: JSON.parse(row.response) as Response,
		score: row.score,
		correct: row.correct === 1,
		submittedAt: row.submitted_at
	};
}

/** JSON with object keys sorted, so the same answer compares equal whatever order its fields came in. */
function canonicalJson(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: inner
	);
}

function isUniqueViolation(error: unknown, column: string): boolean {
	return (
		error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE' && error.message.includes(column)
	);
}

export interface SqliteOptions {
	/** Path of the database file; its folder is created if missing. */
	file: string;
}

export function openSqliteRepository(options: SqliteOptions): ClassroomRepository {
	mkdirSync(dirname(options.file), { recursive: true });
	const db = new Database(options.file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);

	const statements = {
		insertAssignment: db.prepare(`
			INSERT INTO assignments (id, join_code, dashboard_key_hash, title, module_slug, due_at, pass_mark, tries, reveal, mode, created_at)
			VALUES (@id, @joinCode, @dashboardKeyHash, @title, @moduleSlug, @dueAt, @passMark, @tries, @reveal, @mode, @createdAt)`),
		insertLesson: db.prepare('INSERT INTO assignment_lessons (assignment_id, position, lesson_slug) VALUES (?, ?, ?)'),
		assignmentById: db.prepare<[string], AssignmentRow>(
			`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.id = ?`
		),
		assignmentByJoinCode: db.prepare<[string], AssignmentRow>(
			`SELECT ${ASSIGNMENT_COLUMNS} FROM assignments a WHERE a.join_code = ?`
		),
		dashboardKeyHash: db.prepare<[string], { dashboard_key_hash: Buffer }>(
			'SELECT dashboard_key_hash FROM assignments WHERE id = ?'
		),
		updateSchedule: db.prepare('UPDATE assignments SET closed_at = ?, due_at = ? WHERE id = ?'),
		releaseAnswers: db.prepare(
			'UPDATE assignments SET released_at = coalesce(released_at, @at), closed_at = coalesce(closed_at, @at) WHERE id = @id'
		),
		deleteAssignment: db.prepare('DELETE FROM assignments WHERE id = ?'),
		insertStudent: db.prepare(`
			INSERT INTO students (id, assignment_id, name, resume_code_hash, created_at, last_active_at)
			VALUES (@id, @assignmentId, @name, @resumeCodeHash, @createdAt, @createdAt)`),
		studentById: db.prepare<[string], StudentRow>('SELECT * FROM students WHERE id = ?'),
		studentByResumeCodeHash: db.prepare<[Uint8Array], StudentRow>('SELECT * FROM students WHERE resume_code_hash = ?'),
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
		submissionsOfAssignment: db.prepare<[string], SubmissionRow>(`
			SELECT ${SUBMISSION_COLUMNS} FROM submissions s JOIN students st ON st.id = s.student_id
			WHERE st.assignment_id = ? ORDER BY s.submitted_at, s.student_id, s.question_id, s.try_number`)
	};

	const createAssignment = db.transaction((assignment: NewAssignment) => {
		statements.insertAssignment.run({
			...assignment,
			dashboardKeyHash: Buffer.from(assignment.dashboardKeyHash)
		});
		assignment.lessons.forEach((lesson, position) => statements.insertLesson.run(assignment.id, position, lesson));
	});

	const recordSubmission = db.transaction((submission: SubmissionRecord, rules: SubmissionRules): RecordOutcome => {
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
	});

	return {
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
			return row && new Uint8Array(row.dashboard_key_hash);
		},
		async updateSchedule(id, schedule) {
			return statements.updateSchedule.run(schedule.closedAt, schedule.dueAt, id).changes === 1;
		},
		async releaseAnswers(id, at) {
			return statements.releaseAnswers.run({ id, at }).changes === 1;
		},
		async deleteAssignment(id) {
			// Students, lessons and submissions go with it (ON DELETE CASCADE).
			return statements.deleteAssignment.run(id).changes === 1;
		},
		async addStudent(student) {
			statements.insertStudent.run({ ...student, resumeCodeHash: Buffer.from(student.resumeCodeHash) });
		},
		async findStudent(id) {
			const row = statements.studentById.get(id);
			return row && toStudent(row);
		},
		async findStudentByResumeCodeHash(hash) {
			const row = statements.studentByResumeCodeHash.get(Buffer.from(hash));
			return row && toStudent(row);
		},
		async listStudents(assignmentId) {
			return statements.studentsOfAssignment.all(assignmentId).map(toStudent);
		},
		async recordSubmission(submission, rules) {
			return recordSubmission(submission, rules);
		},
		async listStudentSubmissions(studentId) {
			return statements.submissionsOfStudent.all(studentId).map(toSubmission);
		},
		async listAssignmentSubmissions(assignmentId) {
			return statements.submissionsOfAssignment.all(assignmentId).map(toSubmission);
		},
		close() {
			if (db.open) db.close();
		}
	};
}
