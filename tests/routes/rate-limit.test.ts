/**
 * Guessing codes over HTTP is rate limited: after 30 wrong join codes, resume codes or dashboard
 * keys from one address, every guess from it is refused with 429, right or wrong. This file has
 * its own server, so the limit it uses up does not touch the other endpoint tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createAssignment, startApp, type TestApp } from './server';

let app: TestApp;
beforeAll(async () => {
	app = await startApp();
}, 60_000);
afterAll(async () => {
	await app?.close();
});

describe('guess rate limiting', () => {
	it('lets successful joins through without limit, then refuses everything after 30 wrong guesses', async () => {
		const teacher = new Client(app.baseUrl);
		const { joinCode, dashboard } = await createAssignment(teacher);

		// A class of 40 joining from one school address is never slowed down.
		for (let i = 0; i < 40; i++) {
			expect((await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: `Student ${i}` })).status).toBe(
				303
			);
		}

		const guesser = new Client(app.baseUrl);
		const statuses: number[] = [];
		for (let i = 0; i < 10; i++)
			statuses.push((await guesser.post('/join?/join', { code: `ZZZZ${'23456789AB'[i]}Z`, name: 'x' })).status);
		for (let i = 0; i < 10; i++)
			statuses.push((await guesser.post('/join?/resume', { resumeCode: `ZZZZZZZZZZ2${'23456789AB'[i]}` })).status);
		for (let i = 0; i < 10; i++) statuses.push((await guesser.get(`${dashboard}x${i}`)).status);
		expect(statuses.filter((status) => status === 429)).toEqual([]);

		const blockedJoin = await guesser.post('/join?/join', { code: joinCode, name: 'Right code, too late' });
		expect(blockedJoin.status).toBe(429);
		expect(await blockedJoin.text()).toMatch(
			/Too many wrong codes from your network\. Wait 10 minutes and try again\./
		);
		expect((await guesser.post('/join?/resume', { resumeCode: 'ABCD-EFGH-JKMN' })).status).toBe(429);
		expect((await guesser.get(`/join/${joinCode}`)).status).toBe(429);
		expect((await guesser.get(dashboard)).status).toBe(429);
		expect((await guesser.get(`${dashboard}/results.csv`)).status).toBe(429);
	});
});
