/** Which learners' scores go to an LMS gradebook, where, and with what (stores faked in memory). */
import { describe, expect, it } from 'vitest';
import type { AssignmentRecord, StudentRecord } from '$lib/server/db';
import type { ScoreToSend } from '$lib/server/lti/ags';
import { sendAssignmentScoresToLms, sendScoreToLms, type Gradebook } from '$lib/server/lti/grade-passback';
import type { Platform } from '$lib/server/lti/platforms';
import type { LtiStudentLink, ResourceLinkRecord } from '$lib/server/lti/store';
import { assignment as newAssignment } from '../db/fixtures';

const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const { dashboardKeyHash: _, ...fields } = newAssignment();
const assignment: AssignmentRecord = { ...fields, closedAt: null, releasedAt: null };

const link: LtiStudentLink = {
	issuer: 'https://lms.example',
	subject: 'lms-user-9',
	assignmentId: assignment.id,
	studentId: 's1',
	clientId: 'tool-client',
	deploymentId: 'deployment-1',
	resourceLinkId: 'link-1',
	createdAt: 1
};
const resource: ResourceLinkRecord = {
	issuer: link.issuer,
	clientId: link.clientId,
	deploymentId: link.deploymentId,
	resourceLinkId: link.resourceLinkId,
	assignmentId: assignment.id,
	contextId: null,
	lineItemUrl: 'https://lms.example/lineitems/3?type_id=1',
	lineItemsUrl: null,
	agsScopes: [SCORE_SCOPE],
	updatedAt: 1
};
const platform = {
	issuer: link.issuer,
	clientId: link.clientId,
	tokenUrl: 'https://lms.example/token'
} as Platform;

function gradebook(changes: { resource?: ResourceLinkRecord | undefined; platform?: Platform | undefined } = {}) {
	const sent: ScoreToSend[] = [];
	const marked: Array<[string, number]> = [];
	const book: Gradebook = {
		classroom: {
			findAssignment: async () => assignment,
			listStudentSubmissions: async () => [],
			listStudents: async () => [{ id: 's1' }, { id: 's2' }] as StudentRecord[]
		},
		lti: {
			findStudentLinkOfStudent: async (id) => (id === link.studentId ? link : undefined),
			findResourceLink: async () => ('resource' in changes ? changes.resource : resource),
			markScoreReported: async (studentId, at) => {
				marked.push([studentId, at]);
			},
			listUnreportedHandIns: async () => []
		},
		platforms: { find: () => ('platform' in changes ? changes.platform : platform) },
		outbox: {
			enqueueScore: async (score) => {
				sent.push(score);
				return { status: 'queued' } as never;
			}
		}
	};
	return { book, sent, marked };
}

describe('sendScoreToLms', () => {
	it('queues the score for the line item of the link the learner launched from, as their LMS user', async () => {
		const { book, sent, marked } = gradebook();
		expect(await sendScoreToLms(book, assignment, 's1', 5_000, 6_000)).toBe('queued');
		// Marked after it is queued: a start re-queues only what a crash left between the two.
		expect(marked).toEqual([['s1', 5_000]]);
		expect(sent).toEqual([
			expect.objectContaining({
				platform: { issuer: link.issuer, clientId: link.clientId, tokenUrl: platform.tokenUrl },
				lineItemUrl: resource.lineItemUrl,
				userId: 'lms-user-9',
				scoreGiven: 0,
				scoreMaximum: 100,
				gradingProgress: 'FullyGraded',
				timestamp: 5_000
			})
		]);
	});

	type Changes = Parameters<typeof gradebook>[0];
	it.each<[string, string, Changes]>([
		['not-from-lms', 's2', {}],
		['no-line-item', 's1', { resource: { ...resource, lineItemUrl: null } }],
		['no-score-scope', 's1', { resource: { ...resource, agsScopes: [] } }],
		['platform-unregistered', 's1', { platform: undefined }]
	])('queues nothing when %s', async (result, studentId, changes) => {
		const { book, sent } = gradebook(changes);
		expect(await sendScoreToLms(book, assignment, studentId, 5_000, 6_000)).toBe(result);
		expect(sent).toEqual([]);
	});

	it('holds the number back until the answers are shown, and sends it on release', async () => {
		const later: AssignmentRecord = { ...assignment, reveal: 'after-due', dueAt: 100_000 };
		const { book, sent } = gradebook();
		await sendScoreToLms(book, later, 's1', 5_000, 6_000);
		expect(sent[0]).toMatchObject({ gradingProgress: 'Pending' });
		expect(sent[0]).not.toHaveProperty('scoreGiven');

		const results = await sendAssignmentScoresToLms(
			book,
			{ ...later, releasedAt: 7_000, closedAt: 7_000 },
			7_000,
			7_000
		);
		expect(results).toEqual(['queued', 'not-from-lms']);
		expect(sent[1]).toMatchObject({ scoreGiven: 0, gradingProgress: 'FullyGraded', timestamp: 7_000 });
	});
});
