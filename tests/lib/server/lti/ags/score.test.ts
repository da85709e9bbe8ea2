/** The score body, its URL, and how one POST to the simulated gradebook ends. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenClient } from '$lib/server/lti/ags/access-token';
import { postScore, progressScore, SCORE_SCOPE, scoreBody, scoresUrl } from '$lib/server/lti/ags/score';
import { startGradebook, type Gradebook } from '../../../../fixtures/lti/gradebook';
import { toolKeys } from './harness';

const NOW = Date.UTC(2026, 11, 3, 9, 30, 15, 0);

describe('scoreBody', () => {
	it('writes the timestamp in UTC with milliseconds, and only the fields given', () => {
		expect(
			scoreBody(
				'lms-user-1',
				{ scoreGiven: 7.5, scoreMaximum: 10, activityProgress: 'Submitted', gradingProgress: 'FullyGraded' },
				NOW
			)
		).toEqual({
			userId: 'lms-user-1',
			scoreGiven: 7.5,
			scoreMaximum: 10,
			timestamp: '2026-12-03T09:30:15.000Z',
			activityProgress: 'Submitted',
			gradingProgress: 'FullyGraded'
		});
		expect(
			scoreBody(
				'u',
				{ activityProgress: 'Started', gradingProgress: 'NotReady', timestamp: new Date(NOW + 7), comment: 'Hi' },
				0
			)
		).toEqual({
			userId: 'u',
			comment: 'Hi',
			timestamp: '2026-12-03T09:30:15.007Z',
			activityProgress: 'Started',
			gradingProgress: 'NotReady'
		});
	});

	it('keeps a score of zero', () => {
		const body = scoreBody(
			'u',
			{ scoreGiven: 0, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
			NOW
		);
		expect(body.scoreGiven).toBe(0);
	});

	it('refuses what no platform accepts', () => {
		const valid = { activityProgress: 'Completed', gradingProgress: 'FullyGraded' } as const;
		expect(() => scoreBody('', valid, NOW)).toThrow(/user id/);
		expect(() => scoreBody('u', { ...valid, scoreGiven: 3 }, NOW)).toThrow(/needs scoreMaximum/);
		expect(() => scoreBody('u', { ...valid, scoreGiven: -1, scoreMaximum: 5 }, NOW)).toThrow(/not a score/);
		expect(() => scoreBody('u', { ...valid, scoreGiven: Number.NaN, scoreMaximum: 5 }, NOW)).toThrow(/not a score/);
		expect(() => scoreBody('u', { ...valid, scoreGiven: 1, scoreMaximum: 0 }, NOW)).toThrow(/above 0/);
		expect(() => scoreBody('u', { ...valid, timestamp: new Date('nonsense') }, NOW)).toThrow(/not a date/);
		// @ts-expect-error: a value outside the AGS vocabulary, as from unchecked input
		expect(() => scoreBody('u', { ...valid, activityProgress: 'Done' }, NOW)).toThrow(/activityProgress/);
		// @ts-expect-error: as above
		expect(() => scoreBody('u', { ...valid, gradingProgress: 'Graded' }, NOW)).toThrow(/gradingProgress/);
	});
});

describe('progressScore', () => {
	it('reports a running score while answering and the final one when finished', () => {
		expect(progressScore({ score: 1 / 3, finished: false, at: NOW })).toEqual({
			scoreGiven: 33.333,
			scoreMaximum: 100,
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded',
			timestamp: NOW
		});
		expect(progressScore({ score: 0.8, finished: true, at: NOW, scoreMaximum: 10 })).toMatchObject({
			scoreGiven: 8,
			scoreMaximum: 10,
			activityProgress: 'Completed'
		});
	});

	it('sends no number while the score is withheld from the learner', () => {
		expect(progressScore({ score: 0.9, finished: false, at: NOW, withheld: true })).toEqual({
			scoreMaximum: 100,
			activityProgress: 'InProgress',
			gradingProgress: 'Pending',
			timestamp: NOW
		});
		expect(progressScore({ score: 0.9, finished: true, at: NOW, withheld: true })).toMatchObject({
			activityProgress: 'Submitted',
			gradingProgress: 'Pending'
		});
		expect(progressScore({ score: 0.9, finished: true, at: NOW, withheld: true })).not.toHaveProperty('scoreGiven');
	});
});

describe('scoresUrl', () => {
	it('puts /scores on the path and keeps the query string', () => {
		expect(scoresUrl('https://lms.example/api/lti/courses/3/line_items/9')).toBe(
			'https://lms.example/api/lti/courses/3/line_items/9/scores'
		);
		expect(scoresUrl('https://moodle.example/mod/lti/services.php/2/lineitems/8/lineitem?type_id=3')).toBe(
			'https://moodle.example/mod/lti/services.php/2/lineitems/8/lineitem/scores?type_id=3'
		);
		expect(scoresUrl('https://lms.example/lineitems/9/?a=1&b=2#frag')).toBe(
			'https://lms.example/lineitems/9/scores?a=1&b=2'
		);
	});
});

describe('postScore against the gradebook', () => {
	const CLIENT_ID = 'score-client';
	let gradebook: Gradebook;
	let token: string;
	const score = scoreBody(
		'lms-user-42',
		{ scoreGiven: 4, scoreMaximum: 5, activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
		NOW
	);

	beforeAll(async () => {
		const keys = await toolKeys();
		gradebook = await startGradebook({ clientId: CLIENT_ID, toolKeySet: keys.keySet });
		const tokens = createAccessTokenClient({ signingKey: keys.signingKey });
		token = (await tokens.get({ tokenUrl: gradebook.tokenUrl, clientId: CLIENT_ID, scopes: [SCORE_SCOPE] })).token;
	});
	afterAll(() => gradebook.close());

	it('delivers the score with the bearer token, the score media type and the line item’s query', async () => {
		const outcome = await postScore({
			lineItemUrl: gradebook.lineItemUrl('li-1', 'type_id=3'),
			score,
			accessToken: token
		});
		expect(outcome).toEqual({ kind: 'delivered', status: 204 });
		expect(gradebook.scores.at(-1)).toEqual({ lineItem: 'li-1', query: '?type_id=3', token, body: score });
		expect(gradebook.result('li-1', 'lms-user-42')).toEqual(score);
	});

	it('says unauthorized on 401, retry on 5xx, 429 and network errors, rejected on other 4xx', async () => {
		const lineItemUrl = gradebook.lineItemUrl('li-2');
		expect(await postScore({ lineItemUrl, score, accessToken: 'not-a-token' })).toMatchObject({
			kind: 'unauthorized',
			status: 401
		});
		gradebook.failNext('score', 429, 1, { 'retry-after': '30' });
		expect(await postScore({ lineItemUrl, score, accessToken: token })).toMatchObject({
			kind: 'retry',
			status: 429,
			retryAfterMs: 30_000
		});
		await gradebook.setDown('unavailable');
		expect(await postScore({ lineItemUrl, score, accessToken: token })).toMatchObject({ kind: 'retry', status: 503 });
		await gradebook.setDown('refused');
		const refused = await postScore({ lineItemUrl, score, accessToken: token });
		await gradebook.setDown(false);
		expect(refused).toMatchObject({ kind: 'retry', message: expect.stringMatching(/ECONNREFUSED/) });
		expect(refused).not.toHaveProperty('status');
		gradebook.deleteLineItem('li-gone');
		expect(await postScore({ lineItemUrl: gradebook.lineItemUrl('li-gone'), score, accessToken: token })).toMatchObject(
			{ kind: 'rejected', status: 404, message: expect.stringMatching(/answered 404: .*no such line item/) }
		);
	});

	it('counts a platform that does not answer in time as a network error', async () => {
		const hanging: typeof fetch = (_input, init) =>
			new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
		const outcome = await postScore({
			lineItemUrl: gradebook.lineItemUrl('li-3'),
			score,
			accessToken: token,
			fetch: hanging,
			timeoutMs: 5
		});
		expect(outcome).toMatchObject({ kind: 'retry', message: expect.stringMatching(/timeout|aborted/i) });
	});
});
