/**
 * The classroom's storage contract. Routes and the classroom service speak only to this
 * interface; the SQLite implementation (`./sqlite/`) is the embedded default, and the PostgreSQL
 * one (`./postgres/`) serves several app processes on one database. Every method is asynchronous
 * for that reason, even though better-sqlite3 answers synchronously.
 *
 * Times are milliseconds since the epoch (UTC). Secrets never enter the store: only their
 * HMAC-SHA-256 under the store's own key (`secretKey`) do, or, for rows written before schema
 * version 2, bare SHA-256 hashes, which are replaced by HMACs when the secret is next presented.
 */
import type { PassMark } from '../../pass-mark.ts';
import type { Response } from '$lib/quiz/grade';

export type RevealPolicy = 'immediate' | 'after-due';
/** Practice asks the lessons' public self-check questions; assessed asks held-back items. */
export type AssignmentMode = 'practice' | 'assessed';

export interface AssignmentRecord {
	id: string;
	joinCode: string;
	title: string;
	moduleSlug: string;
	/** Lesson slugs in the order the students work through them. */
	lessons: string[];
	dueAt: number | null;
	/** 0 to 1, like every score (the table stores a whole percentage: see classroom-rows.ts). */
	passMark: PassMark;
	/** Tries per question, at least 1. */
	tries: number;
	reveal: RevealPolicy;
	mode: AssignmentMode;
	/** Set while the teacher has closed the assignment. */
	closedAt: number | null;
	/** When the teacher released the answers (which also closed the assignment), if they have. */
	releasedAt: number | null;
	createdAt: number;
}

export interface NewAssignment extends Omit<AssignmentRecord, 'closedAt' | 'releasedAt'> {
	dashboardKeyHash: Uint8Array;
}

export interface StudentRecord {
	id: string;
	assignmentId: string;
	/** As typed by the student: may hold markup, which every view shows as text. */
	name: string;
	createdAt: number;
	lastActiveAt: number;
}

export interface NewStudent extends Omit<StudentRecord, 'lastActiveAt'> {
	resumeCodeHash: Uint8Array;
}

export interface SubmissionRecord {
	studentId: string;
	questionId: string;
	lessonSlug: string;
	/** 1 for the first try. With the student and question, the submission's unique key. */
	tryNumber: number;
	response: Response;
	/** 0 to 1, as graded on the server. */
	score: number;
	correct: boolean;
	submittedAt: number;
}

/**
 * What the store did with a submission. `recorded` and `duplicate` are both acknowledgements:
 * the answer is committed. A duplicate carries the stored submission so a repeated request gets
 * the same answer it got the first time.
 */
export type RecordOutcome =
	| { status: 'recorded'; submission: SubmissionRecord }
	| { status: 'duplicate'; submission: SubmissionRecord }
	/** The same try was already submitted with a different answer. */
	| { status: 'conflict'; submission: SubmissionRecord }
	/** Tries must come in order: this is the try the store expects next. */
	| { status: 'out-of-order'; expectedTry: number }
	| { status: 'finished' };

export interface SubmissionRules {
	maxTries: number;
	/** Whether a correct answer ends the question (only when students see correctness). */
	lockOnCorrect: boolean;
}

export type HashScheme = 'sha256' | 'hmac';

export interface StoredHash {
	hash: Uint8Array;
	scheme: HashScheme;
}

/** A presented secret hashed both ways, to find rows of either scheme. */
export interface SecretHashes {
	hmac: Uint8Array;
	sha256: Uint8Array;
}

export interface ClassroomRepository {
	/** The key that codes and keys are HMAC'd with: random, made once per store. */
	secretKey(): Promise<Uint8Array>;

	/** `false` when the join code is already taken (the caller draws another). */
	createAssignment(assignment: NewAssignment): Promise<boolean>;
	findAssignment(id: string): Promise<AssignmentRecord | undefined>;
	findAssignmentByJoinCode(joinCode: string): Promise<AssignmentRecord | undefined>;
	dashboardKeyHash(assignmentId: string): Promise<StoredHash | undefined>;
	/** Replaces a legacy SHA-256 dashboard key hash by its HMAC. */
	upgradeDashboardKeyHash(assignmentId: string, hmac: Uint8Array): Promise<void>;
	/** Closes (a time) or reopens (`null`), and sets the due date. `false` if there is no such assignment. */
	updateSchedule(id: string, schedule: { closedAt: number | null; dueAt: number | null }): Promise<boolean>;
	/** Shows every student every answer from `at` on, and closes the assignment if it is open. */
	releaseAnswers(id: string, at: number): Promise<boolean>;
	/**
	 * Deletes the assignment, its students and all their answers. SQLite overwrites them on disk
	 * (the database file and its write-ahead log) before the promise resolves; PostgreSQL vacuums
	 * the tables (see README.md, "Deploying beyond one server", for what that guarantees).
	 */
	deleteAssignment(id: string): Promise<boolean>;

	addStudent(student: NewStudent): Promise<void>;
	findStudent(id: string): Promise<StudentRecord | undefined>;
	/** By HMAC, or by SHA-256 for a legacy row, which is then upgraded to the HMAC. */
	findStudentByResumeCodeHash(hashes: SecretHashes): Promise<StudentRecord | undefined>;
	listStudents(assignmentId: string): Promise<StudentRecord[]>;
	/** Deletes one student of the assignment with their answers and sessions, overwritten on disk. */
	deleteStudent(assignmentId: string, studentId: string): Promise<boolean>;
	/**
	 * Folds `duplicateId` into `keepId` (both of the assignment): the duplicate's tries on questions
	 * the kept student never answered move over, then the duplicate, its other tries and its
	 * sessions are deleted (its resume code stops working: keep the record the student uses now).
	 */
	mergeStudents(assignmentId: string, keepId: string, duplicateId: string): Promise<boolean>;

	/** Signed-in devices: the HMAC of each session token, and whose it is. */
	addSession(tokenHash: Uint8Array, studentId: string, now: number): Promise<void>;
	findSessionStudent(tokenHash: Uint8Array): Promise<StudentRecord | undefined>;
	deleteSession(tokenHash: Uint8Array): Promise<void>;

	/** Sliding-window counters: one event per bucket name, at a time. */
	recordEvents(buckets: string[], at: number): Promise<void>;
	/** Events in the bucket at or after `since`. */
	countEvents(bucket: string, since: number): Promise<number>;
	/** Forgets events before `before`, keeping the table as small as the longest window. */
	pruneEvents(before: number): Promise<void>;

	/**
	 * Stores one try, committed before the promise resolves, and marks the student active. The
	 * check of the try number against the stored tries and the insert are one transaction.
	 */
	recordSubmission(submission: SubmissionRecord, rules: SubmissionRules): Promise<RecordOutcome>;
	/** Every try of one student, oldest first. */
	listStudentSubmissions(studentId: string): Promise<SubmissionRecord[]>;
	/** Every try of these students, by student, question and try. */
	listSubmissionsOfStudents(studentIds: readonly string[]): Promise<SubmissionRecord[]>;
	/** Every try of every student of the assignment, oldest first. */
	listAssignmentSubmissions(assignmentId: string): Promise<SubmissionRecord[]>;

	/** One round trip to the store (the health endpoint): rejects if it cannot answer. */
	ping(): Promise<void>;

	/** Closes the store's connections (awaited on PostgreSQL, where a pool drains). */
	close(): Promise<void>;
}
