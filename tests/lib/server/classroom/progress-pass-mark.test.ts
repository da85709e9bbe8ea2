/**
 * The classroom's pass mark at its boundary: an assignment's pass mark is a share (0.7), like the
 * mean question score it is compared with, and a student exactly at it passes.
 */
import { describe, expect, it } from 'vitest';
import type { Lesson } from '$lib/model/course';
import type { AssignedLessons } from '$lib/server/classroom/assigned-lessons';
import { studentProgress } from '$lib/server/classroom/progress';
import type { AssignmentRecord, SubmissionRecord } from '$lib/server/db';
import { single } from '../../../fixtures/quiz/questions';

// Progress reads only a lesson's slug; the rest of a lesson would be noise here.
const lesson = { slug: 'the-call' } as Lesson;
const questions = Array.from({ length: 10 }, (_, index) => ({ ...single, id: `q${index + 1}` }));
const assigned: AssignedLessons = {
	module: undefined,
	lessons: [lesson],
	questions: questions.map((question, index) => ({ lesson, question, number: index + 1 }))
};

const assignment: AssignmentRecord = {
	id: 'a1',
	joinCode: 'ABC234',
	title: 'Year 11',
	moduleSlug: 'every-type',
	lessons: [lesson.slug],
	dueAt: null,
	passMark: 0.7,
	tries: 1,
	reveal: 'immediate',
	mode: 'practice',
	closedAt: null,
	releasedAt: null,
	createdAt: 0
};

/** One try per question, scored in turn from `scores` (the rest unanswered, scoring 0). */
function progressWith(scores: number[]) {
	const submissions = scores.map((score, index): SubmissionRecord => ({
		studentId: 's1',
		questionId: `q${index + 1}`,
		lessonSlug: lesson.slug,
		tryNumber: 1,
		response: { type: 'single', choice: score === 1 ? 'ana' : 'boris' },
		score,
		correct: score === 1,
		submittedAt: 0
	}));
	return studentProgress(assignment, assigned, submissions);
}

describe('the assignment pass mark', () => {
	it('passes a student exactly at the pass mark', () => {
		const progress = progressWith([1, 1, 1, 1, 1, 1, 1]);
		expect(progress.score).toBe(0.7);
		expect(progress.passed).toBe(true);
	});

	it('fails a student one point below it', () => {
		const progress = progressWith([1, 1, 1, 1, 1, 1, 0.9]);
		expect(progress.score).toBeCloseTo(0.69);
		expect(progress.passed).toBe(false);
	});

	it('passes a mean that float arithmetic leaves a hair under the mark, as it is shown as 70%', () => {
		// Seven points out of ten, summed in this order to 6.999999999999998.
		const progress = progressWith([1, 1, 1, 1, 0.6, 0.6, 0.6, 0.6, 0.5, 0.1]);
		expect(progress.score).toBeLessThan(0.7);
		expect(progress.passed).toBe(true);
	});
});
