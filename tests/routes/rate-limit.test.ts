/**
 * Guessing codes over HTTP is slowed, never blocked: whatever one address has guessed, a right
 * join code, resume code or dashboard key still works. This file has its own server, so the
 * failures it records do not touch the other endpoint tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_RULE, TOO_MANY_JOINS } from '$lib/server/classroom/join-limit';
import { addressBucket, GUESS_RULE, targetBucket } from '$lib/server/classroom/rate-limit';
import { Client, createAssignment, joinAs, startApp, type TestApp } from './server';

let app: TestApp;
beforeAll(async () => {
	app = await startApp();
}, 60_000);
afterAll(async () => {
	await app?.close();
});

const LOOPBACK = ['127.0.0.1', '::ffff:127.0.0.1', '::1'];

/** Failures as if this machine had guessed far past the allowance (the server sees it as either form). */
async function guessedAgain(assignmentId: string, times: number): Promise<void> {
	const buckets = LOOPBACK.map(addressBucket);
	for (let i = 0; i < times; i++) await app.store.recordEvents([...buckets, targetBucket(assignmentId)], Date.now());
}

describe('guess rate limiting', () => {
	it('lets a class of 40 join from one address without slowing down', async () => {
		const { joinCode } = await createAssignment(new Client(app.baseUrl));
		for (let i = 0; i < 40; i++) {
			const response = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: `Student ${i}` });
			expect(response.status).toBe(303);
		}
	});

	it('counts wrong join codes, closed ones included, in the store', async () => {
		const teacher = new Client(app.baseUrl);
		const closed = await createAssignment(teacher);
		await app.store.updateSchedule(closed.id, { closedAt: Date.now(), dueAt: null });
		const since = Date.now() - 1000;
		const count = async () =>
			Math.max(
				...(await Promise.all(
					['127.0.0.1', '::ffff:127.0.0.1', '::1'].map((address) =>
						app.store.countEvents(addressBucket(address), since)
					)
				))
			);
		const before = await count();
		expect((await teacher.post('/join?/join', { code: 'ZZZZZZ', name: 'x' })).status).toBe(404);
		expect((await teacher.post('/join?/join', { code: closed.joinCode, name: 'x' })).status).toBe(403);
		expect(await count()).toBe(before + 2);
	});

	it('counts a session cookie that names no session as a guess at that assignment', async () => {
		const { joinCode, id } = await createAssignment(new Client(app.baseUrl));
		const ada = await joinAs(app.baseUrl, joinCode, 'Ada');
		const since = Date.now() - 1000;
		const before = await app.store.countEvents(targetBucket(id), since);
		const forged = await new Client(app.baseUrl).get(ada.classPath, { cookie: `bc_student_${id}=forged.ABCDEFGHJKMN` });
		expect(forged.status).toBe(401);
		expect(await app.store.countEvents(targetBucket(id), since)).toBe(before + 1);
	});

	it('caps joins per assignment in a minute, saying so', async () => {
		const { joinCode, id } = await createAssignment(new Client(app.baseUrl));
		const now = Date.now();
		for (let i = 0; i < JOIN_RULE.perAssignment; i++) await app.store.recordEvents([`join:assignment:${id}`], now);
		const flooded = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: 'One too many' });
		expect(flooded.status).toBe(429);
		expect(await flooded.text()).toContain(TOO_MANY_JOINS);
		expect(await app.store.listStudents(id)).toEqual([]);
	});

	it(
		'still takes the right join code, resume code, session and dashboard key after endless wrong guesses',
		async () => {
			const teacher = new Client(app.baseUrl);
			const { joinCode, dashboard, id } = await createAssignment(teacher);
			const ada = await joinAs(app.baseUrl, joinCode, 'Ada');
			const resumeCode = (ada.client.cookie(`bc_student_${id}`) ?? '').split('.')[1] ?? '';
			await guessedAgain(id, GUESS_RULE.freeFailures + 200);

			expect((await teacher.get(dashboard)).status).toBe(200);
			expect((await teacher.get(`${dashboard}/results.csv`)).status).toBe(200);
			expect((await ada.client.get(ada.classPath)).status).toBe(200);
			expect((await new Client(app.baseUrl).post('/join?/resume', { resumeCode })).status).toBe(303);
			const late = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: 'Right code' });
			expect(late.status).toBe(303);

			// A wrong guess is answered (slowly), never refused with 429.
			expect((await teacher.get(`${dashboard}x`)).status).toBe(404);
		},
		4 * GUESS_RULE.maxDelayMs + 10_000
	);
});
