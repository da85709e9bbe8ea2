/** What an assignment reports to the LMS for a learner, from their progress and what they may see. */
import { describe, expect, it } from 'vitest';
import type { AssignmentRecord } from '$lib/server/db';
import { assignmentScore } from '$lib/server/lti/ags/classroom-score';
import { assignment as newAssignment } from '../../db/fixtures';

const HANDED_IN = Date.UTC(2026, 11, 3, 10);
const DUE = Date.UTC(2026, 11, 10);

function assignment(overrides: Partial<AssignmentRecord> = {}): AssignmentRecord {
	return { ...newAssignment(), closedAt: null, releasedAt: null, ...overrides };
}

const halfway = { score: 0.25, questions: [{ finished: true }, { finished: false }] };
const done = { score: 0.75, questions: [{ finished: true }, { finished: true }] };

describe('assignmentScore', () => {
	it('sends the running score while answering and the final one when every question is finished', () => {
		expect(assignmentScore({ assignment: assignment(), progress: halfway, at: HANDED_IN, now: HANDED_IN })).toEqual({
			scoreGiven: 25,
			scoreMaximum: 100,
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded',
			timestamp: HANDED_IN
		});
		expect(
			assignmentScore({ assignment: assignment(), progress: done, at: HANDED_IN, now: HANDED_IN, scoreMaximum: 10 })
		).toEqual({
			scoreGiven: 7.5,
			scoreMaximum: 10,
			activityProgress: 'Completed',
			gradingProgress: 'FullyGraded',
			timestamp: HANDED_IN
		});
	});

	it('withholds the number until the learner may see it: after the due date or on release', () => {
		const afterDue = assignment({ reveal: 'after-due', dueAt: DUE });
		expect(assignmentScore({ assignment: afterDue, progress: done, at: HANDED_IN, now: HANDED_IN })).toEqual({
			scoreMaximum: 100,
			activityProgress: 'Submitted',
			gradingProgress: 'Pending',
			timestamp: HANDED_IN
		});
		expect(assignmentScore({ assignment: afterDue, progress: done, at: DUE, now: DUE })).toMatchObject({
			scoreGiven: 75,
			gradingProgress: 'FullyGraded'
		});
		const released = { ...afterDue, releasedAt: HANDED_IN + 1 };
		expect(
			assignmentScore({ assignment: released, progress: done, at: HANDED_IN + 1, now: HANDED_IN + 1 })
		).toMatchObject({ scoreGiven: 75, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
	});
});
