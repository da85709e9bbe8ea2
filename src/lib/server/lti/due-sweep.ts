/**
 * The due sweep: an assignment that reveals its answers only after the due date sends its LMS
 * learners' scores withheld (handed in, `Pending`, no number) until then. When the due date
 * passes, nothing else happens on its own, so the sweep puts every LMS learner's score, with its
 * number, into the score outbox, as a release does.
 *
 * - Durable: which due dates were swept is in the database (due-sweep-store.ts), so a server that
 *   was down at the due time sweeps at its next start, and a sweep happens once per due date.
 * - A teacher who reopens the assignment with a new due date withholds the scores again; the new
 *   due date gets a sweep of its own when it passes.
 * - Several processes (PostgreSQL) each run the sweep; the store's claim gives each sweep to one.
 *   A process that dies mid-sweep leaves its claim to run out, and the sweep is done again.
 * - The scores are stamped with the time of the sweep: at or after the due date, and after every
 *   score sent before for that learner (each was stamped with a hand-in before the sweep), so the
 *   platform, which ignores a score older than the one it holds, takes it.
 *
 * The worker wakes at the next due date and at least every minute (a due date changed by another
 * process is seen within a minute). Clock and timers are injected, as in the score outbox.
 *
 * At start, before its first sweep, the worker also closes the crash gap of the hand-in: the
 * hand-in is committed, then its score queued, two writes; a process that stopped between them
 * left that learner's LMS score behind. Every LMS learner whose newest hand-in is newer than the
 * last one the passback handled gets its score queued (`sendUnreportedScoresToLms`).
 */
import { dueSweepStore } from '$lib/server/db';
import { describeError } from './ags/score.ts';
import { createTimedWorker, SYSTEM_CLOCK, type WorkerClock } from './timed-worker.ts';
import type { DueSweep, DueSweepStore } from './due-sweep-store.ts';
import {
	sendAssignmentScoresToLms,
	sendUnreportedScoresToLms,
	serverGradebook,
	type Gradebook,
	type PassbackResult
} from './grade-passback.ts';

/** How long a claimed sweep is this process's: far longer than queuing a class's scores takes. */
export const DUE_SWEEP_LEASE_MS = 2 * 60_000;
/** The longest the worker sleeps: a due date set or moved by another process is swept this late at most. */
export const DUE_SWEEP_POLL_MS = 60_000;
const BATCH_SIZE = 20;

export interface DueSweepDeps {
	store: DueSweepStore;
	gradebook: Gradebook;
}

export type DueSweepEvent =
	/** A sweep done: what each learner's score came to (`queued`, `not-from-lms`...). */
	| { type: 'swept'; sweep: DueSweep; results: PassbackResult[] }
	/** A sweep that threw; its claim runs out and it is tried again. */
	| { type: 'sweep-error'; sweep: DueSweep; error: string }
	/** At start: scores of hand-ins a stopped process never queued, queued now. */
	| { type: 'requeued'; results: PassbackResult[] }
	/** The store itself failed: the worker tries again at its next tick. */
	| { type: 'worker-error'; error: string };

export interface DueSweepReport {
	swept: DueSweep[];
	failed: DueSweep[];
}

/**
 * Sweeps every assignment whose due date is at or before `now` and not swept yet. What the
 * worker runs at each tick; the tests call it directly.
 */
export async function sweepDueScores(
	deps: DueSweepDeps,
	now: number,
	options: { leaseMs?: number; onEvent?: (event: DueSweepEvent) => void } = {}
): Promise<DueSweepReport> {
	const notify = options.onEvent ?? (() => undefined);
	const report: DueSweepReport = { swept: [], failed: [] };
	for (;;) {
		const claimed = await deps.store.claim(now, now + (options.leaseMs ?? DUE_SWEEP_LEASE_MS), BATCH_SIZE);
		for (const sweep of claimed) {
			try {
				const results = await sweepOne(deps, sweep, now);
				await deps.store.finish(sweep, now);
				report.swept.push(sweep);
				notify({ type: 'swept', sweep, results });
			} catch (error) {
				report.failed.push(sweep);
				notify({ type: 'sweep-error', sweep, error: describeError(error) });
			}
		}
		// A failed sweep stays claimed, so it is not handed out again in this loop.
		if (claimed.length < BATCH_SIZE) return report;
	}
}

async function sweepOne(deps: DueSweepDeps, sweep: DueSweep, now: number): Promise<PassbackResult[]> {
	const assignment = await deps.gradebook.classroom.findAssignment(sweep.assignmentId);
	// Changed since the claim (deleted, released, due date moved): nothing is withheld for this due
	// date any more, and a new due date is a sweep of its own.
	if (
		!assignment ||
		assignment.dueAt !== sweep.dueAt ||
		assignment.releasedAt !== null ||
		assignment.reveal !== 'after-due'
	)
		return [];
	return sendAssignmentScoresToLms(deps.gradebook, assignment, now, now);
}

export interface DueSweeper {
	start(): void;
	/** Stops the worker, waiting for a sweep in hand to finish. */
	stop(): Promise<void>;
	/** Resolves when the worker has no sweep in hand (for tests). */
	idle(): Promise<void>;
}

export function createDueSweeper(
	deps: DueSweepDeps,
	options: { clock: WorkerClock; pollMs?: number; leaseMs?: number; onEvent?: (event: DueSweepEvent) => void }
): DueSweeper {
	const { clock } = options;
	const pollMs = options.pollMs ?? DUE_SWEEP_POLL_MS;
	const notify = options.onEvent ?? (() => undefined);
	/** Hand-ins whose score a stopped process never queued: looked for once, at start. */
	let requeued = false;

	const worker = createTimedWorker({
		clock,
		pass: async () => {
			if (!requeued) {
				// Before the due sweep: a score it then queues for the same learner is newer and replaces it.
				// A failure is logged and tried again at the next tick; it does not hold the sweep back.
				try {
					notify({ type: 'requeued', results: await sendUnreportedScoresToLms(deps.gradebook, clock.now()) });
					requeued = true;
				} catch (error) {
					notify({ type: 'worker-error', error: `scores of hand-ins before a stop: ${describeError(error)}` });
				}
			}
			await sweepDueScores(deps, clock.now(), {
				...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }),
				onEvent: notify
			});
			const next = await deps.store.nextDueAfter(clock.now());
			return Math.min(pollMs, (next ?? Infinity) - clock.now());
		},
		retryMs: pollMs,
		onError: (error) => notify({ type: 'worker-error', error: describeError(error) })
	});
	return { start: worker.start, stop: worker.stop, idle: worker.idle };
}

/** Sweeps and failures go to the server log; learners without an LMS line item are warned of once per sweep. */
export function logDueSweepEvent(event: DueSweepEvent): void {
	switch (event.type) {
		case 'swept': {
			const unsent = event.results.filter((result) => result !== 'queued' && result !== 'not-from-lms');
			if (unsent.length > 0)
				console.warn(
					`LTI scores of ${event.sweep.assignmentId} at its due date: ${unsent.length} not sent (${[...new Set(unsent)].join(', ')})`
				);
			break;
		}
		case 'sweep-error':
			console.error(`LTI scores of ${event.sweep.assignmentId} at its due date not all queued: ${event.error}`);
			break;
		case 'requeued': {
			const queued = event.results.filter((result) => result === 'queued').length;
			if (queued > 0) console.warn(`LTI: ${queued} score(s) of hand-ins made before a stop queued at start`);
			break;
		}
		case 'worker-error':
			console.error(`LTI due sweep: ${event.error}`);
			break;
	}
}

let current: DueSweeper | undefined;

/**
 * Starts the server's sweep, after the score outbox (it queues into it); does nothing when no
 * platform is registered, as the outbox then does not run either.
 */
export function startDueSweeper(): void {
	const gradebook = serverGradebook();
	if (!gradebook || current) return;
	current = createDueSweeper({ store: dueSweepStore(), gradebook }, { clock: SYSTEM_CLOCK, onEvent: logDueSweepEvent });
	current.start();
}

export async function stopDueSweeper(): Promise<void> {
	await current?.stop();
	current = undefined;
}
