/**
 * Handing in over HTTP: idempotent tries, every malformed or oversized request, students kept out
 * of each other's answers, and the answer key kept out of the page until the answer is in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LESSON, SINGLE, singleAnswer, wrongOption } from './course-questions';
import { Client, createAssignment, joinAs, startApp, type TestApp } from './server';

let app: TestApp;
let teacher: Client;
beforeAll(async () => {
	app = await startApp();
	teacher = new Client(app.baseUrl);
}, 60_000);
afterAll(async () => {
	await app?.close();
});

/** The first words of the question's explanation, as text: proof the explanation is on the page. */
const explanationWords = SINGLE.explanationHtml
	.replace(/<[^>]+>/g, ' ')
	.replace(/\s+/g, ' ')
	.trim()
	.split(' ')
	.slice(0, 5)
	.join(' ');

async function classroom(fields: Record<string, string | string[]> = {}) {
	const assignment = await createAssignment(teacher, fields);
	const ada = await joinAs(app.baseUrl, assignment.joinCode, 'Ada');
	return { ...assignment, ada, lessonPath: `${ada.classPath}/${LESSON}` };
}

describe('handing in an answer', () => {
	it('grades on the server and shows the result, the key and the explanation once the question is finished', async () => {
		const { ada, lessonPath, id } = await classroom({ tries: '1' });
		const before = await (await ada.client.get(lessonPath)).text();
		expect(before).not.toContain(explanationWords);
		expect(before).not.toContain('explanationHtml');
		expect(before).not.toMatch(/"answer":/);

		const response = await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer));
		expect(response.status).toBe(200);
		const after = await response.text();
		expect(after).toContain('Try 1 handed in.');
		expect(after).toContain(explanationWords);
		expect(after).toContain('Correct answer:');
		const stored = await app.store.listAssignmentSubmissions(id);
		expect(stored).toMatchObject([{ questionId: SINGLE.id, tryNumber: 1, score: 1, correct: true }]);
		// The pass mark, 0.8 in code, shown as the teacher typed it.
		expect(await (await ada.client.get(ada.classPath)).text()).toMatch(/Pass mark 80%: <strong[^>]*>not reached yet</);
	});

	it('shows only “handed in” until the due date when answers are revealed after it', async () => {
		const { ada, lessonPath } = await classroom({ tries: '1', reveal: 'after-due', due: '2099-01-01T09:00' });
		const page = await (await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer))).text();
		expect(page).toContain('Your answer is handed in. The right answers are shown after the due date');
		expect(page).not.toContain(explanationWords);
		expect(page).not.toContain('Correct answer:');
		expect(page).not.toMatch(/data-result="(right|wrong)"/);
	});

	it('treats the same try sent twice, even at once, as one submission', async () => {
		const { ada, lessonPath, id } = await classroom();
		const fields = singleAnswer(SINGLE, wrongOption(SINGLE));
		const [first, second] = await Promise.all([
			ada.client.post(`${lessonPath}?/answer`, fields),
			ada.client.post(`${lessonPath}?/answer`, fields)
		]);
		expect([first.status, second.status]).toEqual([200, 200]);
		const again = await ada.client.post(`${lessonPath}?/answer`, fields);
		expect(again.status).toBe(200);
		expect(await again.text()).toContain('Try 1 handed in (it had already arrived).');
		expect(await app.store.listAssignmentSubmissions(id)).toHaveLength(1);
	});

	it('refuses a changed answer under a try already handed in (409), and takes the next try', async () => {
		const { ada, lessonPath, id } = await classroom();
		await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		const changed = await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer));
		expect(changed.status).toBe(409);
		expect(await changed.text()).toContain('already handed in with a different answer');
		expect((await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer, 2))).status).toBe(200);
		expect((await app.store.listAssignmentSubmissions(id)).map((entry) => [entry.tryNumber, entry.correct])).toEqual([
			[1, false],
			[2, true]
		]);
	});

	it.each([
		['no answer', { question: SINGLE.id, try: '1' }, 400, 'Your answer: choose an answer.'],
		[
			'an option the question does not have',
			{ question: SINGLE.id, try: '1', [`answer.${SINGLE.id}`]: 'made-up' },
			400,
			'"made-up" is not one of this question'
		],
		['no question', { try: '1' }, 400, 'The form does not say which question it answers.'],
		['no try number', { question: SINGLE.id }, 400, 'The form does not say which try this is.'],
		[
			'a try number that is not a number',
			{ question: SINGLE.id, try: 'two' },
			400,
			'The form does not say which try this is.'
		],
		['a try beyond the most allowed', { question: SINGLE.id, try: '99' }, 400, 'There are at most 5 tries.'],
		['a skipped try', { ...singleAnswer(SINGLE, SINGLE.answer, 2) }, 409, 'your next try at this question is try 1'],
		[
			'a question outside the assignment',
			{ question: 'no-such-question', try: '1' },
			404,
			'This assignment has no question'
		]
	])('refuses %s', async (_case, fields, status, message) => {
		const { ada, lessonPath, id } = await classroom();
		const response = await ada.client.post(`${lessonPath}?/answer`, fields);
		expect(response.status).toBe(status);
		expect(await response.text()).toContain(message);
		expect(await app.store.listAssignmentSubmissions(id)).toEqual([]);
	});

	it('refuses answers once the assignment is closed, keeping the earlier ones', async () => {
		const { ada, lessonPath, dashboard, id } = await classroom();
		await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		await teacher.post(`${dashboard}?/close`, {});
		const response = await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer, 2));
		expect(response.status).toBe(403);
		expect(await response.text()).toContain(
			'This assignment is closed, so answers are not being accepted. Your earlier answers are kept.'
		);
		expect(await app.store.listAssignmentSubmissions(id)).toHaveLength(1);
	});
});

describe('bad requests', () => {
	it('refuses a body over 16 KB with 413, declared or streamed', async () => {
		const { ada, lessonPath } = await classroom();
		const big = { ...singleAnswer(SINGLE, SINGLE.answer), padding: 'x'.repeat(20_000) };
		const declared = await ada.client.post(`${lessonPath}?/answer`, big);
		expect(declared.status).toBe(413);
		expect(await declared.text()).toBe('Request too large: the classroom accepts at most 16 KB per request.');

		const bytes = new TextEncoder().encode(new URLSearchParams(big).toString());
		const stream = new ReadableStream<Uint8Array>({
			start(controller) {
				for (let offset = 0; offset < bytes.length; offset += 4096)
					controller.enqueue(bytes.slice(offset, offset + 4096));
				controller.close();
			}
		});
		const streamed = await ada.client.post(`${lessonPath}?/answer`, stream, {
			'content-type': 'application/x-www-form-urlencoded'
		});
		expect(streamed.status).toBe(413);
	});

	it('refuses a broken multipart body with 400 and a JSON body with 415', async () => {
		const { ada, lessonPath } = await classroom();
		const broken = await ada.client.post(
			`${lessonPath}?/answer`,
			'--x\r\nContent-Disposition: form-data; name="question"\r\n\r\nnever ends',
			{
				'content-type': 'multipart/form-data; boundary=x'
			}
		);
		expect(broken.status).toBe(400);
		expect(await broken.text()).toContain('The form could not be read');
		const json = await ada.client.post(`${lessonPath}?/answer`, JSON.stringify(singleAnswer(SINGLE, SINGLE.answer)), {
			'content-type': 'application/json'
		});
		expect(json.status).toBe(415);
	});

	it('refuses a form posted from another site with 403', async () => {
		const { ada, lessonPath, id } = await classroom();
		const response = await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer), {
			origin: 'http://evil.example'
		});
		expect(response.status).toBe(403);
		expect(await app.store.listAssignmentSubmissions(id)).toEqual([]);
	});
});

describe('students stay out of each other’s answers', () => {
	it('shows each student only their own answers', async () => {
		const { ada, lessonPath, joinCode } = await classroom({ tries: '1' });
		await ada.client.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		const ben = await joinAs(app.baseUrl, joinCode, 'Ben');
		const page = await (await ben.client.get(lessonPath)).text();
		expect(page).not.toContain('Try 1:');
		expect(page).not.toContain('Ada');
	});

	it('answers 401 to a device that has not joined, or whose cookie is for another assignment or made up', async () => {
		const { lessonPath, id } = await classroom();
		const other = await classroom();
		const stranger = new Client(app.baseUrl);
		expect((await stranger.get(`/class/${id}`)).status).toBe(401);
		expect((await stranger.get(lessonPath)).status).toBe(401);
		expect((await stranger.post(`${lessonPath}?/answer`, singleAnswer(SINGLE, SINGLE.answer))).status).toBe(401);

		const otherCookie = other.ada.client.cookie(`bc_student_${other.id}`) ?? '';
		const borrowed = await stranger.get(lessonPath, { cookie: `bc_student_${id}=${otherCookie}` });
		expect(borrowed.status).toBe(401);
		const forged = await stranger.get(lessonPath, { cookie: `bc_student_${id}=ABCDEFGHJKMN` });
		expect(forged.status).toBe(401);
		expect(await app.store.listAssignmentSubmissions(id)).toEqual([]);
	});

	it('signs out over plain HTTP: the cookie is deleted as it was set, and a replayed copy is refused', async () => {
		const { ada, id, lessonPath } = await classroom();
		const cookie = ada.client.cookie(`bc_student_${id}`) ?? '';
		const response = await ada.client.post(`${ada.classPath}?/signout`, {});
		expect(response.status).toBe(303);
		const deletion = response.headers.getSetCookie().find((line) => line.startsWith(`bc_student_${id}=`)) ?? '';
		expect(deletion).toMatch(/Max-Age=0/i);
		expect(deletion).toMatch(new RegExp(`Path=/class/${id}`));
		// The browser ignores a deletion whose Secure differs from the cookie it holds (set without it on HTTP).
		expect(deletion).not.toMatch(/Secure/i);
		expect(ada.client.cookieNames()).not.toContain(`bc_student_${id}`);

		const replayed = await new Client(app.baseUrl).get(lessonPath, { cookie: `bc_student_${id}=${cookie}` });
		expect(replayed.status).toBe(401);
	});

	it('keeps students out of the dashboard and its exports', async () => {
		const { ada, id } = await classroom();
		for (const path of [
			`/teach/${id}`,
			`/teach/${id}/x`,
			`/teach/${id}/x/results.csv`,
			`/teach/${id}/x/answers.json`
		]) {
			expect((await ada.client.get(path)).status).toBe(404);
		}
	});
});
