/** Rows as PostgreSQL returns them, the columns the queries ask for, and the records they become. */
import type { Response } from '$lib/quiz/grade';
import type { AssignmentMode, AssignmentRecord, RevealPolicy, StudentRecord, SubmissionRecord } from '../repository.ts';

export interface AssignmentRow {
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
	lessons: string[];
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
	correct: boolean;
	submitted_at: number;
}

// Text is ordered byte-wise (COLLATE "C") wherever order is part of the contract, as SQLite orders
// it: a managed server's default collation (say en_US.UTF-8) would sort differently.
export const ASSIGNMENT_COLUMNS = `
	a.id, a.join_code, a.title, a.module_slug, a.due_at, a.pass_mark, a.tries, a.reveal, a.mode, a.closed_at,
	a.released_at, a.created_at,
	ARRAY(SELECT lesson_slug FROM assignment_lessons WHERE assignment_id = a.id ORDER BY position) AS lessons`;

export const SUBMISSION_COLUMNS =
	's.student_id, s.question_id, s.lesson_slug, s.try_number, s.response, s.score, s.correct, s.submitted_at';

export const STUDENT_COLUMNS = 'st.id, st.assignment_id, st.name, st.created_at, st.last_active_at';

export function toAssignment(row: AssignmentRow): AssignmentRecord {
	return {
		id: row.id,
		joinCode: row.join_code,
		title: row.title,
		moduleSlug: row.module_slug,
		lessons: row.lessons,
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
		// Written by this module from a response the server validated and graded.
		response: JSON.parse(row.response) as Response,
		score: row.score,
		correct: row.correct,
		submittedAt: row.submitted_at
	};
}
