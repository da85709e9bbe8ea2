/**
 * LTI end to end in Chromium, against the production build served with a simulated LMS
 * registered (tests/fixtures/lti/platform.ts plays the LMS's course page, authorization endpoint
 * and deep-linking return; tests/fixtures/lti/gradebook.ts its gradebook). Inside the LMS's
 * frame: an instructor adds an activity by deep linking, then a learner launches it, lands signed
 * in, and hands in answers, whose scores reach the gradebook, also one handed in while the
 * gradebook was down and the app was then killed and started again.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Question } from '$lib/model/course';
import { databaseFile } from '$lib/server/db';
import { DENSE_LESSONS, fixtureModule } from '../fixtures/fixture-course';
import { startGradebook, type Gradebook } from '../fixtures/lti/gradebook';
import { AGS, DL, LTI, startPlatform, type SimulatedPlatform } from '../fixtures/lti/platform';
import { freePort, waitForServer } from './global-setup';
import { BrowserSession } from './harness';

/** A fixture module the build serves, whose first lesson has two single-choice questions. */
const module = await fixtureModule(DENSE_LESSONS, 'saltmere-bridge');
const lesson = module.lessons[0];
const [question, other] =
	lesson?.quiz.questions.filter(
		(candidate): candidate is Extract<Question, { type: 'single' }> => candidate.type === 'single'
	) ?? [];
if (!lesson || !question || !other)
	throw new Error(`the fixture ${module.slug} needs a first lesson with two single-choice questions`);
const rightText = question.options.find((option) => option.id === question.answer)?.text ?? '';
const otherRightText = other.options.find((option) => option.id === other.answer)?.text ?? '';
const COLUMN = 'browser-column';
const LEARNER = 'learner-browser';

let platform: SimulatedPlatform;
let gradebook: Gradebook;
let server: ChildProcess | undefined;
let dataDir: string;
let port: number;

/** The production build, served with the platform registered (no ORIGIN: plain HTTP). */
async function startServer(): Promise<void> {
	server = spawn('node', ['build'], {
		env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
		stdio: ['ignore', 'inherit', 'inherit']
	});
	await waitForServer(`${platform.toolOrigin}/lti/jwks`, server);
}

/** The learner's gradebook cell once it satisfies `check` (scores are delivered in the background). */
async function cellWhen(check: (scoreGiven: number | undefined) => boolean) {
	return vi.waitFor(
		() => {
			const cell = gradebook.result(COLUMN, LEARNER);
			if (!cell || !check(cell.scoreGiven)) throw new Error(`the gradebook holds ${JSON.stringify(cell)}`);
			return cell;
		},
		{ timeout: 30_000, interval: 200 }
	);
}
let browser: BrowserSession;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
	platform = await startPlatform();
	port = await freePort();
	platform.toolOrigin = `http://127.0.0.1:${port}`;
	gradebook = await startGradebook({
		clientId: platform.clientId,
		toolKeySet: new URL(`${platform.toolOrigin}/lti/jwks`)
	});
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-browser-'));
	// The default place: DATA_DIR/lti-platforms.json.
	writeFileSync(
		join(dataDir, 'lti-platforms.json'),
		JSON.stringify({ platforms: [platform.registration({ token_url: gradebook.tokenUrl })] })
	);
	// The build from global-setup, served again.
	await startServer();
	browser = await BrowserSession.start();
});
afterAll(async () => {
	for (const context of contexts) await context.close();
	await browser?.close();
	server?.kill();
	await platform?.close();
	await gradebook?.close();
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
		await frame.getByLabel('Title').fill('Year 11: the bridge tender');
		// Only the first lesson, whichever module the form starts from.
		for (const box of await frame.locator('input[name="lessons"]').all())
			await box.setChecked((await box.getAttribute('value')) === `${module.slug}/${lesson.slug}`);
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
				sub: LEARNER,
				name: 'Ada Lovelace',
				[`${LTI}resource_link`]: { id: 'browser-link' },
				[`${LTI}custom`]: custom,
				[`${AGS}endpoint`]: {
					scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
					lineitem: gradebook.lineItemUrl(COLUMN)
				}
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
						WHERE l.subject = ? AND l.assignment_id = ?`
					)
					.all(LEARNER, assignmentId)
			).toEqual([{ question_id: question.id, correct: 1 }]);
		} finally {
			db.close();
		}
	});
	it('the score reaches the LMS gradebook', async () => {
		const cell = await cellWhen((score) => (score ?? 0) > 0);
		expect(cell).toMatchObject({ userId: LEARNER, scoreMaximum: 100, gradingProgress: 'FullyGraded' });
	});

	it('a score handed in while the gradebook is down arrives once it is back, after the app was killed and restarted', async () => {
		const before = gradebook.result(COLUMN, LEARNER)?.scoreGiven ?? 0;
		await gradebook.setDown('refused');
		const { frame } = await coursePage('learner');
		await frame.getByRole('link', { name: lesson.title }).click();
		const block = frame.locator(`#q-${other.id}`);
		await block.getByLabel(otherRightText).check();
		await block.getByRole('button', { name: 'Hand in answer' }).click();
		await block.getByText('Try 1 handed in.').waitFor();

		// Acknowledged, so committed with its score in the outbox: a crash now loses nothing.
		server?.kill('SIGKILL');
		await new Promise((resolve) => server?.once('exit', resolve));
		await gradebook.setDown(false);
		await startServer();
		const cell = await cellWhen((score) => (score ?? 0) > before);
		expect(cell.userId).toBe(LEARNER);
	});
});
