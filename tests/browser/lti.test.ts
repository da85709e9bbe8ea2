/**
 * LTI end to end in Chromium, against the production build served with a simulated LMS
 * registered (tests/fixtures/lti/platform.ts plays the LMS's course page, authorization endpoint
 * and deep-linking return). Inside the LMS's frame: an instructor adds an activity by deep
 * linking, then a learner launches it, lands signed in, and hands in an answer.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { loadCourse } from '$lib/server/content/load-course';
import { databaseFile } from '$lib/server/db';
import { DL, LTI, startPlatform, type SimulatedPlatform } from '../fixtures/lti/platform';
import { freePort, waitForServer } from './global-setup';
import { BrowserSession } from './harness';

const { course } = await loadCourse('lessons');
const module = course?.modules.find((candidate) => candidate.slug === 'witkoff-leak');
const lesson = module?.lessons[0];
const question = lesson?.quiz.questions.find(
	(candidate): candidate is Extract<Question, { type: 'single' }> => candidate.type === 'single'
);
if (!module || !lesson || !question)
	throw new Error('the witkoff-leak module needs a first lesson with a single-choice question');
const rightText = question.options.find((option) => option.id === question.answer)?.text ?? '';

let platform: SimulatedPlatform;
let server: ChildProcess | undefined;
let dataDir: string;
let browser: BrowserSession;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	platform = await startPlatform();
	const port = await freePort();
	platform.toolOrigin = `http://127.0.0.1:${port}`;
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-browser-'));
	// The default place: DATA_DIR/lti-platforms.json.
	writeFileSync(join(dataDir, 'lti-platforms.json'), JSON.stringify({ platforms: [platform.registration()] }));
	// The build from global-setup, served again with the platform registered (no ORIGIN: plain HTTP).
	server = spawn('node', ['build'], {
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitForServer(`${platform.toolOrigin}/lti/jwks`, server);
	browser = await BrowserSession.start();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	server?.kill();
	await platform?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

async function coursePage(user: string) {
	const { page, context } = await browser.page();
	contexts.push(context);
	await page.goto(`${platform.issuer}/course?user=${user}`);
	return { page, frame: page.frameLocator('iframe[title="Backchannel"]') };
}

describe('an LMS course runs a Backchannel activity', () => {
	let custom: Record<string, string> = {};

	it('an instructor adds the activity by deep linking, inside the LMS frame', async () => {
		platform.claimsFor = (_hint, nonce) => platform.deepLinkingClaims(nonce);
		const { frame } = await coursePage('teacher');
		await frame.getByRole('heading', { name: 'Add Backchannel to your course' }).waitFor();
		await frame.getByLabel('Title').fill('Year 11: the leak');
		for (const other of module.lessons.slice(1))
			await frame.getByLabel(new RegExp(`^${other.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)).uncheck();
		await frame.getByLabel(/^Practice/).check();
		await frame.getByRole('button', { name: 'Add to the course' }).click();
		// The signed response goes back to the platform by itself.
		await frame.getByRole('heading', { name: 'Activity added' }).waitFor();

		expect(platform.deepLinkResponses).toHaveLength(1);
		const jwt = platform.deepLinkResponses[0] ?? '';
		const keys = await (await fetch(`${platform.toolOrigin}/lti/jwks`)).json();
		const { payload } = await jwtVerify(jwt, createLocalJWKSet(keys), {
			issuer: platform.clientId,
			audience: platform.issuer
		});
		expect(payload[`${LTI}message_type`]).toBe('LtiDeepLinkingResponse');
		const [item] = decodeJwt(jwt)[`${DL}content_items`] as Array<{ custom: Record<string, string> }>;
		custom = item?.custom ?? {};
		expect(custom.backchannel_assignment).toMatch(/^[^.]+\.[^.]+$/);
	});

	it('a learner launches it, lands signed in under their LMS name, and hands in an answer', async () => {
		platform.claimsFor = (_hint, nonce) =>
			platform.resourceLinkClaims(nonce, {
				sub: 'learner-browser',
				name: 'Ada Lovelace',
				[`${LTI}resource_link`]: { id: 'browser-link' },
				[`${LTI}custom`]: custom
			});
		const { frame } = await coursePage('learner');
		await frame.getByText('Signed in as').waitFor();
		expect(await frame.getByText('Signed in as').textContent()).toContain('Ada Lovelace');
		await frame.getByTestId('lms-sign-in').waitFor();

		await frame.getByRole('link', { name: lesson.title }).click();
		const block = frame.locator(`#q-${question.id}`);
		await block.getByLabel(rightText).check();
		await block.getByRole('button', { name: 'Hand in answer' }).click();
		await block.getByText('Try 1 handed in.').waitFor();

		const db = new Database(databaseFile(dataDir), { readonly: true });
		try {
			const [assignmentId] = (custom.backchannel_assignment ?? '').split('.');
			expect(
				db
					.prepare(
						`SELECT s.question_id, s.correct FROM submissions s JOIN lti_students l ON l.student_id = s.student_id
						WHERE l.subject = 'learner-browser' AND l.assignment_id = ?`
					)
					.all(assignmentId)
			).toEqual([{ question_id: question.id, correct: 1 }]);
		} finally {
			db.close();
		}
	});
});
