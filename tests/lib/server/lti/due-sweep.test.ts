/**
 * The due sweep on both engines (SQLite in a temp folder, PostgreSQL on a throwaway cluster), with
 * the real classroom, LTI and outbox stores: when an after-due assignment's due date passes, every
 * LMS learner's score goes into the outbox with its number, once per due date, also after a
 * restart, and, on PostgreSQL, from one process only. The fixture module serves the questions.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseFile, openStores, type AssignmentRecord, type NewAssignment, type Stores } from '$lib/server/db';
import { migrate, MIGRATIONS } from '$lib/server/db/sqlite/migrations';
import type { AccessTokenClient } from '$lib/server/lti/ags/access-token';
import { createScoreOutbox } from '$lib/server/lti/ags/outbox';
import type { OutboxEntry } from '$lib/server/lti/ags/outbox-store';
import { createDueSweeper, sweepDueScores, type DueSweepDeps } from '$lib/server/lti/due-sweep';
import { sendScoreToLms, type Gradebook } from '$lib/server/lti/grade-passback';
import type { Platform } from '$lib/server/lti/platforms';
import { postgresBackend, sqliteBackend } from '../db/store-backends';
import { FakeClock } from './ags/harness';

// The score counts the fixture lesson's questions: serve the fixture course, not the real one.
vi.mock('virtual:backchannel/course', async () => {
	const { loadCourse } = await import('$lib/server/content/load-course');
	return { course: (await loadCourse('tests/fixtures/courses/valid')).course };
});

const SCORE_SCOPE = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
const T0 = Date.UTC(2026, 11, 3, 9, 0, 0, 0);
const DUE = T0 + 60 * 60_000;
const ISSUER = 'https://lms.example';
const LINE_ITEM = 'https://lms.example/lineitems/7';
const platform = { issuer: ISSUER, clientId: 'tool-client', tokenUrl: 'https://lms.example/token' } as Platform;
/** Never asked: these tests look at what is queued, not at delivery (outbox.test.ts does). */
const noTokens: AccessTokenClient = {
	get: () => Promise.reject(new Error('no delivery in these tests')),
	invalidate: () => undefined
};

function assignment(overrides: Partial<NewAssignment> = {}): NewAssignment {
	return {
		id: 'a1',
		joinCode: 'ABC234',
		dashboardKeyHash: new Uint8Array(32).fill(7),
		title: 'Year 11',
		moduleSlug: 'mini-module',
		lessons: ['the-call'],
		dueAt: DUE,
		passMark: 80,
		tries: 2,
		reveal: 'after-due',
		mode: 'practice',
		createdAt: T0,
		...overrides
	};
}

const postgres = postgresBackend();
const backends = [sqliteBackend(), postgres].map((backend) => [backend.name, backend] as const);
beforeAll(() => Promise.all(backends.map(([, backend]) => backend.setUp())), 60_000);
afterAll(() => Promise.all(backends.map(([, backend]) => backend.tearDown())));

/** What the sweep runs on: one set of stores (one app process), its outbox not delivering. */
function sweepDeps(stores: Stores, clock: FakeClock): DueSweepDeps {
	const gradebook: Gradebook = {
		classroom: stores.classroom,
		lti: stores.lti,
		platforms: { find: (issuer) => (issuer === ISSUER ? platform : undefined) },
		outbox: createScoreOutbox({ store: stores.outbox, tokens: noTokens, clock })
	};
	return { store: stores.dueSweeps, gradebook };
}

/** A learner of assignment `assignmentId`; from the LMS (as `lms-<id>`) unless `fromLms` is false. */
async function addLearner(stores: Stores, assignmentId: string, id: string, fromLms = true): Promise<void> {
	await stores.classroom.addStudent({
		id,
		assignmentId,
		name: id,
		resumeCodeHash: createHash('sha256').update(id).digest(),
		createdAt: T0
	});
	if (!fromLms) return;
	await stores.lti.saveResourceLink({
		issuer: ISSUER,
		clientId: platform.clientId,
		deploymentId: 'deployment-1',
		resourceLinkId: `link-${assignmentId}`,
		assignmentId,
		contextId: null,
		lineItemUrl: `${LINE_ITEM}-${assignmentId}`,
		lineItemsUrl: null,
		agsScopes: [SCORE_SCOPE],
		updatedAt: T0
	});
	await stores.lti.linkStudent({
		issuer: ISSUER,
		subject: `lms-${id}`,
		assignmentId,
		studentId: id,
		clientId: platform.clientId,
		deploymentId: 'deployment-1',
		resourceLinkId: `link-${assignmentId}`,
		createdAt: T0
	});
}

/** A right first try at the fixture lesson's first question (one of two: the score is 0.5). */
async function handIn(stores: Stores, studentId: string, at: number): Promise<void> {
	await stores.classroom.recordSubmission(
		{
			studentId,
			questionId: 'who-called',
			lessonSlug: 'the-call',
			tryNumber: 1,
			response: { type: 'single', choice: 'ana' },
			score: 1,
			correct: true,
			submittedAt: at
		},
		{ maxTries: 2, lockOnCorrect: false }
	);
}

/** What waits in the outbox, as the platform would receive it. */
async function queued(stores: Stores): Promise<Array<OutboxEntry['score']>> {
	return (await stores.outbox.waiting()).map((entry) => entry.score);
}

async function record(stores: Stores, id = 'a1'): Promise<AssignmentRecord> {
	const found = await stores.classroom.findAssignment(id);
	if (!found) throw new Error(`no assignment ${id}`);
	return found;
}

describe.each(backends)('the due sweep on %s', (_name, backend) => {
	let stores: Stores;
	let clock: FakeClock;
	let others: Stores[];

	beforeEach(async () => {
		stores = await backend.openStores();
		clock = new FakeClock(T0);
		others = [];
		await stores.classroom.createAssignment(assignment());
		await addLearner(stores, 'a1', 's1');
		await handIn(stores, 's1', T0 + 1_000);
		// The hand-in's own score, as the lesson page queues it: withheld before the due date.
		await sendScoreToLms(sweepDeps(stores, clock).gradebook, await record(stores), 's1', T0 + 1_000, T0 + 1_000);
	});
	afterEach(async () => {
		for (const other of others) await other.classroom.close();
		await stores.classroom.close();
	});

	it('sends nothing before the due date: the score waits withheld', async () => {
		expect(await sweepDueScores(sweepDeps(stores, clock), DUE - 1)).toEqual({ swept: [], failed: [] });
		expect(await queued(stores)).toEqual([
			expect.objectContaining({ userId: 'lms-s1', gradingProgress: 'Pending', activityProgress: 'InProgress' })
		]);
		expect((await queued(stores))[0]).not.toHaveProperty('scoreGiven');
		expect(await stores.dueSweeps.nextDueAfter(DUE - 1)).toBe(DUE);
	});

	it('queues every LMS learner’s score with its number once the due date passes, once', async () => {
		const sweepAt = DUE + 5_000;
		expect(await sweepDueScores(sweepDeps(stores, clock), sweepAt)).toEqual({
			swept: [{ assignmentId: 'a1', dueAt: DUE }],
			failed: []
		});
		const scores = await queued(stores);
		expect(scores).toEqual([
			{
				userId: 'lms-s1',
				scoreGiven: 50,
				scoreMaximum: 100,
				activityProgress: 'InProgress',
				gradingProgress: 'FullyGraded',
				// Later than the withheld score it replaces, so the platform takes it.
				timestamp: new Date(sweepAt).toISOString()
			}
		]);

		// Delivered (gone from the outbox), then swept again: nothing is queued a second time.
		for (const entry of await stores.outbox.waiting()) await stores.outbox.delivered(entry.id);
		expect(await sweepDueScores(sweepDeps(stores, clock), sweepAt + 60_000)).toEqual({ swept: [], failed: [] });
		expect(await queued(stores)).toEqual([]);
		expect(await stores.dueSweeps.nextDueAfter(sweepAt)).toBeUndefined();
	});

	it('sends at the next start what came due while the server was down', async () => {
		await stores.classroom.close();
		// Restarted two hours after the due date, on the same data.
		stores = await backend.reopenStores();
		const restartedAt = DUE + 2 * 60 * 60_000;
		expect((await sweepDueScores(sweepDeps(stores, clock), restartedAt)).swept).toHaveLength(1);
		expect(await queued(stores)).toEqual([
			expect.objectContaining({ userId: 'lms-s1', scoreGiven: 50, timestamp: new Date(restartedAt).toISOString() })
		]);
	});

	it('withholds again after a reopening with a new due date, and sends at that one', async () => {
		await sweepDueScores(sweepDeps(stores, clock), DUE + 1_000);
		const newDue = DUE + 24 * 60 * 60_000;
		await stores.classroom.updateSchedule('a1', { closedAt: null, dueAt: newDue });
		const reopened = await record(stores);
		// A second answer after the reopening: withheld again (answers hidden until the new due date).
		await stores.classroom.recordSubmission(
			{
				studentId: 's1',
				questionId: 'call-order',
				lessonSlug: 'the-call',
				tryNumber: 1,
				response: { type: 'single', choice: 'nonsense' },
				score: 0,
				correct: false,
				submittedAt: DUE + 10_000
			},
			{ maxTries: 2, lockOnCorrect: false }
		);
		await sendScoreToLms(sweepDeps(stores, clock).gradebook, reopened, 's1', DUE + 10_000, DUE + 10_000);
		expect(await queued(stores)).toEqual([
			expect.objectContaining({ gradingProgress: 'Pending', timestamp: new Date(DUE + 10_000).toISOString() })
		]);

		expect((await sweepDueScores(sweepDeps(stores, clock), newDue - 1)).swept).toEqual([]);
		expect(await stores.dueSweeps.nextDueAfter(newDue - 1)).toBe(newDue);
		expect((await sweepDueScores(sweepDeps(stores, clock), newDue)).swept).toEqual([
			{ assignmentId: 'a1', dueAt: newDue }
		]);
		expect(await queued(stores)).toEqual([
			expect.objectContaining({
				scoreGiven: 50,
				// Tries are left on the wrong answer: the dashboard too counts the question as unfinished.
				activityProgress: 'InProgress',
				gradingProgress: 'FullyGraded',
				timestamp: new Date(newDue).toISOString()
			})
		]);
	});

	it('leaves immediate-reveal and released assignments and code-joined learners alone', async () => {
		await stores.classroom.createAssignment(assignment({ id: 'a2', joinCode: 'ABC235', reveal: 'immediate' }));
		await addLearner(stores, 'a2', 's2');
		await stores.classroom.createAssignment(assignment({ id: 'a3', joinCode: 'ABC236' }));
		await addLearner(stores, 'a3', 's3');
		await stores.classroom.releaseAnswers('a3', DUE - 10);
		// Joined a1 with its code: no LMS, nothing to send.
		await addLearner(stores, 'a1', 's4', false);
		await handIn(stores, 's4', T0 + 2_000);
		for (const entry of await stores.outbox.waiting()) await stores.outbox.delivered(entry.id);

		const report = await sweepDueScores(sweepDeps(stores, clock), DUE);
		expect(report).toEqual({ swept: [{ assignmentId: 'a1', dueAt: DUE }], failed: [] });
		expect((await queued(stores)).map((score) => score.userId)).toEqual(['lms-s1']);
	});

	it('runs on a timer: at start, then when the next due date comes', async () => {
		const sweeper = createDueSweeper(sweepDeps(stores, clock), { clock, pollMs: 60 * 60_000 });
		sweeper.start();
		clock.advance(0);
		await sweeper.idle();
		expect(await queued(stores)).toEqual([expect.objectContaining({ gradingProgress: 'Pending' })]);
		// The worker sleeps until the due date (sooner than its hour-long poll).
		clock.time = DUE - 1;
		clock.advance(1);
		await sweeper.idle();
		expect(await queued(stores)).toEqual([expect.objectContaining({ scoreGiven: 50 })]);
		await sweeper.stop();
		expect(clock.pendingTimers).toBe(0);
	});

	it('queues at the next start the score of a hand-in whose process stopped before queuing it', async () => {
		for (const entry of await stores.outbox.waiting()) await stores.outbox.delivered(entry.id);
		// Committed, then the process stopped: no score queued for this hand-in.
		await stores.classroom.recordSubmission(
			{
				studentId: 's1',
				questionId: 'call-order',
				lessonSlug: 'the-call',
				tryNumber: 1,
				response: { type: 'single', choice: 'nonsense' },
				score: 0,
				correct: false,
				submittedAt: T0 + 5_000
			},
			{ maxTries: 2, lockOnCorrect: false }
		);
		await stores.classroom.close();
		stores = await backend.reopenStores();
		expect(await stores.lti.listUnreportedHandIns()).toEqual([
			{ studentId: 's1', assignmentId: 'a1', handedInAt: T0 + 5_000 }
		]);

		clock.time = T0 + 10_000;
		const started = createDueSweeper(sweepDeps(stores, clock), { clock });
		started.start();
		clock.advance(0);
		await started.idle();
		await started.stop();
		// Still before the due date: withheld, stamped with the hand-in it reports.
		expect(await queued(stores)).toEqual([
			expect.objectContaining({ gradingProgress: 'Pending', timestamp: new Date(T0 + 5_000).toISOString() })
		]);
		expect(await stores.lti.listUnreportedHandIns()).toEqual([]);
	});

	it('takes over a sweep whose process died after claiming it, once its lease runs out', async () => {
		// A process claimed the sweep and died before it queued anything.
		expect(await stores.dueSweeps.claim(DUE, DUE + 120_000, 10)).toEqual([{ assignmentId: 'a1', dueAt: DUE }]);
		const other = await backend.reopenStores();
		others.push(other);
		expect((await sweepDueScores(sweepDeps(other, clock), DUE + 60_000)).swept).toEqual([]);
		expect((await sweepDueScores(sweepDeps(other, clock), DUE + 120_000)).swept).toHaveLength(1);
		expect(await queued(other)).toEqual([expect.objectContaining({ scoreGiven: 50 })]);
	});
});

describe('the due sweep on PostgreSQL with several app processes', () => {
	let processes: Stores[] = [];
	afterEach(async () => {
		for (const stores of processes) await stores.classroom.close();
		processes = [];
	});

	it('gives each sweep to one process when they sweep at once', async () => {
		const first = await postgres.openStores();
		processes.push(first);
		for (let index = 0; index < 12; index++) {
			const id = `a${index}`;
			await first.classroom.createAssignment(assignment({ id, joinCode: `JOIN${String(index).padStart(2, '0')}` }));
			await addLearner(first, id, `s${index}`);
		}
		for (let index = 0; index < 3; index++) processes.push(await postgres.reopenStores());
		const claims = await Promise.all(processes.map((stores) => stores.dueSweeps.claim(DUE, DUE + 120_000, 20)));
		const claimed = claims.flat().map((sweep) => sweep.assignmentId);
		expect(claimed).toHaveLength(12);
		expect(new Set(claimed).size).toBe(12);
	});
});

describe('migration 6 on a store in use', () => {
	it('counts every existing LMS learner’s hand-ins as reported, so the first start queues nothing again', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-sweep-migration-'));
		const db = new Database(databaseFile(dataDir));
		migrate(
			db,
			MIGRATIONS.filter((migration) => migration.version <= 5)
		);
		db.exec(`
			INSERT INTO assignments (id, join_code, dashboard_key_hash, title, module_slug, pass_mark, tries, reveal, created_at)
			VALUES ('a1', 'ABC234', x'00', 'Old', 'mini-module', 80, 2, 'after-due', 1);
			INSERT INTO students (id, assignment_id, name, resume_code_hash, created_at, last_active_at)
			VALUES ('s1', 'a1', 'Ada', x'01', 1, 1), ('s2', 'a1', 'Bo', x'02', 1, 1);
			INSERT INTO lti_students (issuer, subject, assignment_id, student_id, client_id, deployment_id, resource_link_id, created_at)
			VALUES ('${ISSUER}', 'lms-s1', 'a1', 's1', 'c', 'd', 'l', 1), ('${ISSUER}', 'lms-s2', 'a1', 's2', 'c', 'd', 'l', 1);
			INSERT INTO submissions (student_id, question_id, lesson_slug, try_number, response, score, correct, submitted_at)
			VALUES ('s1', 'who-called', 'the-call', 1, '{}', 1, 1, 5);
		`);
		db.close();
		const stores = openStores(dataDir);
		try {
			expect(await stores.lti.listUnreportedHandIns()).toEqual([]);
			// A hand-in after the upgrade whose score was never queued is found.
			await handIn(stores, 's2', 10);
			expect(await stores.lti.listUnreportedHandIns()).toEqual([
				{ studentId: 's2', assignmentId: 'a1', handedInAt: 10 }
			]);
		} finally {
			await stores.classroom.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
