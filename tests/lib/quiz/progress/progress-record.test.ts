import { describe, expect, it } from 'vitest';
import {
	emptyProgress,
	pruneReview,
	recordRound,
	recordSettled,
	reviewQueue,
	rightInReview,
	withSession,
	type ProgressRecord
} from '$lib/quiz/progress/progress-record';
import type { Outcome } from '$lib/quiz/quiz-rules';

const now = new Date('2025-12-01T10:00:00Z');
const later = new Date('2025-12-02T10:00:00Z');
const right: Outcome = {
	score: 1,
	correct: true,
	tries: 1,
	hintShown: false,
	revealed: false,
	answerShownBefore: false
};
const wrong: Outcome = {
	score: 0,
	correct: false,
	tries: 2,
	hintShown: true,
	revealed: false,
	answerShownBefore: false
};
const start = (): ProgressRecord => emptyProgress('mini-module', 7, now);

describe('the review queue', () => {
	it('takes in a question missed in its lesson, and leaves a right one alone', () => {
		let record = recordSettled(
			start(),
			{ questionId: 'q1', lesson: 'the-call', outcome: wrong, during: 'lesson' },
			now
		);
		record = recordSettled(record, { questionId: 'q2', lesson: 'the-call', outcome: right, during: 'lesson' }, now);
		expect(record.review).toEqual({ q1: { lesson: 'the-call', addedAt: now.toISOString(), streak: 0 } });
	});

	it('lets a question go after two right answers in a row in review, and starts the count over on a miss', () => {
		let record = recordSettled(
			start(),
			{ questionId: 'q1', lesson: 'the-call', outcome: wrong, during: 'lesson' },
			now
		);
		const review = (outcome: Outcome) =>
			(record = recordSettled(record, { questionId: 'q1', lesson: 'the-call', outcome, during: 'review' }, later));
		review(right);
		expect(record.review.q1?.streak).toBe(1);
		review(wrong);
		expect(record.review.q1?.streak).toBe(0);
		review(right);
		review({ ...right, tries: 2 });
		expect(record.review.q1?.streak).toBe(0);
		review(right);
		review(right);
		expect(record.review).toEqual({});
	});

	it('counts only first-try right answers without the solution as right in review', () => {
		expect(rightInReview(right)).toBe(true);
		expect(rightInReview({ ...right, tries: 2 })).toBe(false);
		expect(rightInReview({ ...right, correct: false, score: 0.5 })).toBe(false);
		expect(rightInReview({ ...wrong, revealed: true, tries: 0 })).toBe(false);
	});

	it('a miss in the lesson again starts the count over but keeps the date it joined', () => {
		let record = recordSettled(
			start(),
			{ questionId: 'q1', lesson: 'the-call', outcome: wrong, during: 'lesson' },
			now
		);
		record = recordSettled(record, { questionId: 'q1', lesson: 'the-call', outcome: right, during: 'review' }, later);
		record = recordSettled(record, { questionId: 'q1', lesson: 'the-call', outcome: wrong, during: 'lesson' }, later);
		expect(record.review.q1).toEqual({ lesson: 'the-call', addedAt: now.toISOString(), streak: 0 });
	});

	it('ignores a review answer to a question no longer queued, and lists the queue oldest first', () => {
		const record = recordSettled(
			start(),
			{ questionId: 'q9', lesson: 'the-call', outcome: right, during: 'review' },
			now
		);
		expect(record).toEqual(start());
		let queued = recordSettled(start(), { questionId: 'b', lesson: 'x', outcome: wrong, during: 'lesson' }, later);
		queued = recordSettled(queued, { questionId: 'a', lesson: 'x', outcome: wrong, during: 'lesson' }, now);
		expect(reviewQueue(queued).map((item) => item.questionId)).toEqual(['a', 'b']);
	});
});

describe('pruning the queue', () => {
	it('drops queued questions a lesson no longer has, and leaves other lessons alone', () => {
		let record = recordSettled(
			start(),
			{ questionId: 'gone', lesson: 'the-call', outcome: wrong, during: 'lesson' },
			now
		);
		record = recordSettled(record, { questionId: 'kept', lesson: 'the-call', outcome: wrong, during: 'lesson' }, now);
		record = recordSettled(record, { questionId: 'elsewhere', lesson: 'other', outcome: wrong, during: 'lesson' }, now);
		const pruned = pruneReview(record, ['the-call'], new Set(['kept']), later);
		expect(Object.keys(pruned.review).sort()).toEqual(['elsewhere', 'kept']);
		expect(pruneReview(pruned, ['the-call'], new Set(['kept']), later)).toBe(pruned);
	});
});

describe('mastery', () => {
	it('keeps every round, the best score, and mastery once reached', () => {
		let record = recordRound(
			start(),
			'the-call',
			{
				points: 1,
				total: 2,
				score: 0.5,
				passed: false,
				missed: ['q2'],
				earnedScore: 0.5,
				mastered: false,
				shownBefore: []
			},
			'all',
			now
		);
		expect(record.lessons['the-call']).toEqual({
			attempts: [{ at: now.toISOString(), score: 0.5, passed: false, round: 'all' }],
			best: 0.5,
			mastered: false
		});
		record = recordRound(
			record,
			'the-call',
			{ points: 2, total: 2, score: 1, passed: true, missed: [], earnedScore: 1, mastered: true, shownBefore: [] },
			'missed',
			later
		);
		record = recordRound(
			record,
			'the-call',
			{
				points: 0,
				total: 2,
				score: 0,
				passed: false,
				missed: ['q1', 'q2'],
				earnedScore: 0,
				mastered: false,
				shownBefore: []
			},
			'all',
			later
		);
		expect(record.lessons['the-call']).toMatchObject({ best: 1, mastered: true });
		expect(record.lessons['the-call']?.attempts).toHaveLength(3);
		expect(record.updatedAt).toBe(later.toISOString());
	});

	it('keeps at most fifty attempts per lesson', () => {
		let record = start();
		for (let i = 0; i < 60; i++)
			record = recordRound(
				record,
				'the-call',
				{
					points: 0,
					total: 1,
					score: i / 100,
					passed: false,
					missed: ['q'],
					earnedScore: i / 100,
					mastered: false,
					shownBefore: []
				},
				'all',
				now
			);
		expect(record.lessons['the-call']?.attempts).toHaveLength(50);
		expect(record.lessons['the-call']?.best).toBe(0.59);
	});
});

describe('sessions', () => {
	it('stores and drops a quiz in progress', () => {
		const context = {
			passMark: 0.8,
			tries: 2,
			questions: [],
			round: [],
			roundKind: 'all' as const,
			position: 0,
			attempt: { tries: [], hintShown: false },
			outcomes: {}
		};
		const session = { machine: 1, snapshot: { status: 'active', value: 'intro', context } };
		const record = withSession(start(), 'the-call', session, now);
		expect(record.sessions['the-call']).toBe(session);
		expect(withSession(record, 'the-call', undefined, now).sessions).toEqual({});
	});
});
