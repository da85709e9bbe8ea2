/**
 * Records for the store tests: one assignment, its students, their tries. Module and lesson
 * slugs are the every-type fixture module's (tests/fixtures/courses/export/every-type), never the
 * real module's: the store does not read the course, but no code test should name a lesson an
 * editor may rename.
 */
import type { NewAssignment, NewStudent, SubmissionRecord } from '$lib/server/db';

export function assignment(overrides: Partial<NewAssignment> = {}): NewAssignment {
	return {
		id: 'a1',
		joinCode: 'ABC234',
		dashboardKeyHash: new Uint8Array(32).fill(7),
		title: 'Year 11: the calls',
		moduleSlug: 'every-type',
		lessons: ['the-call', 'the-report'],
		dueAt: null,
		passMark: 0.8,
		tries: 2,
		reveal: 'immediate',
		mode: 'practice',
		createdAt: 1_000,
		...overrides
	};
}

export function student(overrides: Partial<NewStudent> = {}): NewStudent {
	return {
		id: 's1',
		assignmentId: 'a1',
		name: 'Ada',
		resumeCodeHash: new Uint8Array(32).fill(1),
		createdAt: 2_000,
		...overrides
	};
}

export function submission(overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
	return {
		studentId: 's1',
		questionId: 'q1',
		lessonSlug: 'the-call',
		tryNumber: 1,
		response: { type: 'single', choice: 'ana' },
		score: 1,
		correct: true,
		submittedAt: 3_000,
		...overrides
	};
}
