/**
 * Scores reach the LMS gradebook, over HTTP, end to end: an instructor deep-links an assignment,
 * a learner launches it from the simulated LMS and hands in answers, and the simulated gradebook
 * (its token endpoint checks the tool's signed client assertion against /lti/jwks) receives each
 * new score. With the gradebook down during a hand-in, the score arrives once it is back up.
 */
import { describe, expect, it, vi } from 'vitest';
import { startGradebook, type Gradebook } from '../fixtures/lti/gradebook';
import { AGS, INSTRUCTOR, LTI } from '../fixtures/lti/platform';
import { LESSON, SINGLE, singleAnswer, wrongOption } from './course-questions';
import { app, contentItem, deepLink, land, launch, platform, useLtiApp } from './lti-harness';
import { Client, createAssignment, joinAs } from './server';

const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const COLUMN = 'column-1';
const LEARNER = 'learner-graded-7';

let gradebook: Gradebook;
useLtiApp({
	async registration(simulated) {
		gradebook = await startGradebook({
			clientId: simulated.clientId,
			// The app listens only after the registration is written: its key set is asked for later.
			toolKeySet: () => new URL(`${app.baseUrl}/lti/jwks`)
		});
		return { token_url: gradebook.tokenUrl };
	}
});

/** The gradebook cell once it satisfies `check` (the outbox delivers in the background). */
async function cellWhen(
	check: (scoreGiven: number | undefined) => boolean,
	timeout = 20_000,
	where: { column: string; learner: string } = { column: COLUMN, learner: LEARNER }
) {
	return vi.waitFor(
		() => {
			const cell = gradebook.result(where.column, where.learner);
			if (!cell || !check(cell.scoreGiven)) throw new Error(`the gradebook holds ${JSON.stringify(cell)}`);
			return cell;
		},
		{ timeout, interval: 100 }
	);
}

describe('scores to the LMS gradebook', () => {
	it('sends each new score of a learner who came from the LMS, and delivers one held back while the gradebook was down', async () => {
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const { custom } = contentItem(jwt);
		const learner = new Client(app.baseUrl);
		const classPath = await land(
			learner,
			await launch(learner, (nonce) =>
				platform.resourceLinkClaims(nonce, {
					sub: LEARNER,
					name: 'Ada Lovelace',
					[`${LTI}resource_link`]: { id: 'graded-link' },
					[`${LTI}custom`]: custom,
					[`${AGS}endpoint`]: { scope: [SCORE_SCOPE], lineitem: gradebook.lineItemUrl(COLUMN) }
				})
			)
		);
		const lessonPath = `${classPath}/${LESSON}`;

		const wrong = await learner.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		expect(wrong.status).toBe(200);
		const first = await cellWhen((score) => score === 0);
		expect(first).toMatchObject({
			userId: LEARNER,
			scoreMaximum: 100,
			activityProgress: 'InProgress',
			gradingProgress: 'FullyGraded'
		});
		const token = gradebook.tokens[0];
		expect(token?.assertion).toMatchObject({ iss: platform.clientId, sub: platform.clientId, aud: gradebook.tokenUrl });

		await gradebook.setDown('unavailable');
		const right = await learner.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer, 2));
		expect(right.status).toBe(200);
		// Acknowledged while the gradebook is down: the score waits in the outbox, retried with back-off.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(gradebook.result(COLUMN, LEARNER)?.scoreGiven).toBe(0);
		await gradebook.setDown(false);
		const second = await cellWhen((score) => (score ?? 0) > 0);
		expect(Date.parse(second.timestamp)).toBeGreaterThan(Date.parse(first.timestamp));
	});

	it('sends nothing for a student who joined with a code', async () => {
		const before = gradebook.scores.length;
		const { joinCode } = await createAssignment(new Client(app.baseUrl), { mode: 'practice' });
		const grace = await joinAs(app.baseUrl, joinCode, 'Grace');
		const answered = await grace.client.post(
			`${grace.classPath}/${LESSON}?/answer`,
			singleAnswer(SINGLE, SINGLE.answer)
		);
		expect(answered.status).toBe(200);
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(gradebook.scores.length).toBe(before);
	});

	it('keeps sending a learner’s score after the teacher merges their LMS record into one joined with a code', async () => {
		const where = { column: 'column-merged', learner: 'learner-merged-3' };
		const { jwt } = await deepLink(new Client(app.baseUrl));
		const { custom } = contentItem(jwt);
		const [assignmentId = ''] = (custom.backchannel_assignment ?? '').split('.');
		const joinCode = (await app.store.findAssignment(assignmentId))?.joinCode ?? '';
		const joined = await joinAs(app.baseUrl, joinCode, 'Ada (code)');
		await joined.client.post(`${joined.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, SINGLE.answer));

		const learner = new Client(app.baseUrl);
		const classPath = await land(
			learner,
			await launch(learner, (nonce) =>
				platform.resourceLinkClaims(nonce, {
					sub: where.learner,
					name: 'Ada (LMS)',
					[`${LTI}resource_link`]: { id: 'merged-link' },
					[`${LTI}custom`]: custom,
					[`${AGS}endpoint`]: { scope: [SCORE_SCOPE], lineitem: gradebook.lineItemUrl(where.column) }
				})
			)
		);
		await learner.post(`${classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		await cellWhen((score) => score === 0, 20_000, where);

		const teacher = new Client(app.baseUrl);
		const dashboard = await land(
			teacher,
			await launch(teacher, (nonce) =>
				platform.resourceLinkClaims(nonce, {
					sub: 'teacher-merging',
					[`${LTI}roles`]: [INSTRUCTOR],
					[`${LTI}resource_link`]: { id: 'merged-link' },
					[`${LTI}custom`]: custom,
					// The LMS leaves the grade service out of the teacher's launch: the link keeps its column.
					[`${AGS}endpoint`]: undefined
				})
			)
		);
		const students = await app.store.listStudents(assignmentId);
		const id = (name: string) => students.find((student) => student.name === name)?.id ?? '';
		const merged = await teacher.post(`${dashboard}?/mergeStudents`, {
			keep: id('Ada (code)'),
			duplicate: id('Ada (LMS)')
		});
		expect(merged.status).toBe(200);
		// The kept record answered right: the LMS learner's cell now shows it, sent for the kept record.
		await cellWhen((score) => (score ?? 0) > 0, 20_000, where);
	});
});
