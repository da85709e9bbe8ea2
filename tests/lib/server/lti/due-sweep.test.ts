/**
 * The due sweep on both engines (SQLite in a temp folder, PostgreSQL on a throwaway cluster), with
 * the real classroom, LTI and outbox stores: when an after-due assignment's due date passes, every
 * LMS learner's score goes into the outbox with its number, once per due date, also after a
 * restart, and, on PostgreSQL, from one process only. The fixture module serves the questions.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Stores } from '$lib/server/db';
import { createDueSweeper, sweepDueScores } from '$lib/server/lti/due-sweep';
import { sendScoreToLms } from '$lib/server/lti/grade-passback';
import { postgresBackend, sqliteBackend } from '../db/store-backends';
import { FakeClock } from './ags/harness';
import {
	addLearner,
	assignment,
	DUE,
	handIn,
	wrongAnswer,
	ISSUER,
	platform,
	queued,
	record,
	SCORE_SCOPE,
	sweepDeps,
	T0
} from './due-sweep-harness';

// The score counts the fixture lesson's questions: serve the fixture course, not the real one.
vi.mock('virtual:backchannel/course', async () => {
	const { loadCourse } = await import('$lib/server/content/load-course');
	return { course: (await loadCourse('tests/fixtures/courses/valid')).course };
});

const postgres = postgresBackend();
const backends = [sqliteBackend(), postgres].map((backend) => [backend.name, backend] as const);
beforeAll(() => Promise.all(backends.map(([, backend]) => backend.setUp())), 60_000);
afterAll(() => Promise.all(backends.map(([, backend]) => backend.tearDown())));

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
		await wrongAnswer(stores, 's1', DUE + 10_000);
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

	it('queues the other learners’ scores past one that fails, and tries the sweep again later', async () => {
		await stores.classroom.createAssignment(assignment({ id: 'a2', joinCode: 'ABC235' }));
		await addLearner(stores, 'a2', 's2');
		await addLearner(stores, 'a2', 's3');
		await handIn(stores, 's3', T0 + 2_000);
		// s2 launched from a link whose line item the outbox refuses (not http): its score cannot be queued.
		await stores.lti.saveResourceLink({
			issuer: ISSUER,
			clientId: platform.clientId,
			deploymentId: 'deployment-1',
			resourceLinkId: 'broken-link',
			assignmentId: 'a2',
			contextId: null,
			lineItemUrl: 'mailto:teacher@lms.example',
			lineItemsUrl: null,
			agsScopes: [SCORE_SCOPE],
			updatedAt: T0
		});
		await stores.lti.updateStudentResourceLink('s2', 'deployment-1', 'broken-link');
		for (const entry of await stores.outbox.waiting()) await stores.outbox.delivered(entry.id);

		const events: string[] = [];
		const first = await sweepDueScores(sweepDeps(stores, clock), DUE, {
			onEvent: (event) => events.push(event.type === 'sweep-error' ? event.error : event.type)
		});
		expect(first.failed).toEqual([{ assignmentId: 'a2', dueAt: DUE }]);
		expect(events).toContainEqual(expect.stringMatching(/^1 of 2 scores not queued, the first: .*not an http/));
		expect((await queued(stores)).map((score) => score.userId).sort()).toEqual(['lms-s1', 'lms-s3']);

		// Fixed by the learner's next launch; the failed sweep is taken again once its claim runs out.
		await stores.lti.updateStudentResourceLink('s2', 'deployment-1', 'link-a2');
		expect((await sweepDueScores(sweepDeps(stores, clock), DUE + 1_000)).swept).toEqual([]);
		expect((await sweepDueScores(sweepDeps(stores, clock), DUE + 3 * 60_000)).swept).toEqual([
			{ assignmentId: 'a2', dueAt: DUE }
		]);
		expect((await queued(stores)).map((score) => score.userId).sort()).toEqual(['lms-s1', 'lms-s2', 'lms-s3']);
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
		await wrongAnswer(stores, 's1', T0 + 5_000);
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
