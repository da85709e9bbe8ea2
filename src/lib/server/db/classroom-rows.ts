/**
 * The classroom tables' rows as both engines return them, and the records the repository deals
 * in: one mapping for SQLite (sqlite/sqlite-repository.ts) and PostgreSQL (postgres/). Where the
 * engines differ, the row type says both: SQLite returns an assignment's lessons as JSON text and
 * booleans as 0 or 1, PostgreSQL an array and true or false.
 *
 * The pass mark is the one unit conversion: the `pass_mark` column holds a whole percentage
 * (0 to 100, as since the first schema; no migration), the records a share from 0 to 1 like every
 * score. Both engines read through `toAssignment` and write through `passMarkColumn`.
 */
import { passMarkFromPercent, passMarkToPercent, type PassMark } from '../../pass-mark.ts';
import type { Response } from '$lib/quiz/grade';
import type { AssignmentMode, AssignmentRecord, RevealPolicy, StudentRecord, SubmissionRecord } from './repository.ts';

export interface AssignmentRow {
	id: string;
	join_code: string;
	title: string;
	module_slug: string;
	due_at: number | null;
	/** Whole percentage, 0 to 100. */
	pass_mark: number;
	tries: number;
	reveal: RevealPolicy;
	mode: AssignmentMode;
	closed_at: number | null;
	released_at: number | null;
	created_at: number;
	lessons: string | string[];
}

export interface StudentRow {
	id: string;
	assignment_id: string;
	name: string;
	created_at: number;
	last_active_at: number;
}

export interface SubmissionRow {
	student_id: string;
	question_id: string;
	lesson_slug: string;
	try_number: number;
	response: string;
	score: number;
	correct: number | boolean;
	submitted_at: number;
}

export const SUBMISSION_COLUMNS =
	's.student_id, s.question_id, s.lesson_slug, s.try_number, s.response, s.score, s.correct, s.submitted_at';

export function toAssignment(row: AssignmentRow): AssignmentRecord {
	return {
		id: row.id,
		joinCode: row.join_code,
		title: row.title,
		moduleSlug: row.module_slug,
		// Written by the store itself: slugs in order.
		lessons: typeof row.lessons === 'string' ? (JSON.parse(row.lessons) as string[]) : row.lessons,
		dueAt: row.due_at,
		passMark: passMarkFromPercent(row.pass_mark),
		tries: row.tries,
		reveal: row.reveal,
		mode: row.mode,
		closedAt: row.closed_at,
		releasedAt: row.released_at,
		createdAt: row.created_at
	};
}

/** The `pass_mark` column's value for a record's pass mark: a whole percentage. */
export function passMarkColumn(passMark: PassMark): number {
	return passMarkToPercent(passMark);
}

export function toStudent(row: StudentRow): StudentRecord {
	return {
		id: row.id,
		assignmentId: row.assignment_id,
		name: row.name,
		createdAt: row.created_at,
		lastActiveAt: row.last_active_at
	};
}

export function toSubmission(row: SubmissionRow): SubmissionRecord {
	return {
		studentId: row.student_id,
		questionId: row.question_id,
		lessonSlug: row.lesson_slug,
		tryNumber: row.try_number,
		// Written by the store from a response the server validated and graded.
		response: JSON.parse(row.response) as Response,
		score: row.score,
		correct: row.correct === true || row.correct === 1,
		submittedAt: row.submitted_at
	};
}
