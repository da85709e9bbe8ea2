/**
 * The timer loop the score outbox and the due sweep share: one pass at a time, each saying when
 * the next runs; a wake during a pass is not lost; a failing pass is retried, not the end.
 */
import { describe, expect, it } from 'vitest';
import { createTimedWorker, MORE } from '$lib/server/lti/timed-worker';
import { FakeClock } from './ags/harness';

/** A pass whose results are scripted, recording when each ran and able to hold one open. */
function scriptedPass(results: Array<number | typeof MORE | undefined | Error>) {
	const ranAt: number[] = [];
	let release: (() => void) | undefined;
	let holdNext = false;
	return {
		ranAt,
		holdNext: () => (holdNext = true),
		release: () => release?.(),
		pass: (clock: FakeClock) => async () => {
			ranAt.push(clock.now());
			if (holdNext) {
				holdNext = false;
				await new Promise<void>((resolve) => (release = resolve));
			}
			const result = results.shift();
			if (result instanceof Error) throw result;
			return result;
		}
	};
}

describe('createTimedWorker', () => {
	it('runs a pass at start and the next after the delay it asks for; MORE runs one at once; undefined sleeps', async () => {
		const clock = new FakeClock(0);
		const script = scriptedPass([MORE, 500, undefined]);
		const worker = createTimedWorker({ clock, pass: script.pass(clock), retryMs: 1000, onError: () => undefined });
		worker.start();
		clock.advance(0);
		await worker.idle();
		expect(script.ranAt).toEqual([0, 0]);
		clock.advance(499);
		await worker.idle();
		expect(script.ranAt).toEqual([0, 0]);
		clock.advance(1);
		await worker.idle();
		expect(script.ranAt).toEqual([0, 0, 500]);
		expect(clock.pendingTimers).toBe(0);
		await worker.stop();
	});

	it('runs again after a pass that was woken while it ran, so nothing committed meanwhile sleeps', async () => {
		const clock = new FakeClock(0);
		const script = scriptedPass([undefined, undefined]);
		const worker = createTimedWorker({ clock, pass: script.pass(clock), retryMs: 1000, onError: () => undefined });
		script.holdNext();
		worker.start();
		clock.advance(0);
		await Promise.resolve();
		worker.wake();
		script.release();
		await worker.idle();
		expect(script.ranAt).toHaveLength(2);
		await worker.stop();
	});

	it('reports a failing pass and tries again after retryMs', async () => {
		const clock = new FakeClock(0);
		const errors: unknown[] = [];
		const script = scriptedPass([new Error('database is locked'), undefined]);
		const worker = createTimedWorker({
			clock,
			pass: script.pass(clock),
			retryMs: 1000,
			onError: (e) => errors.push(e)
		});
		worker.start();
		clock.advance(0);
		await worker.idle();
		expect(errors).toEqual([new Error('database is locked')]);
		clock.advance(1000);
		await worker.idle();
		expect(script.ranAt).toEqual([0, 1000]);
		await worker.stop();
	});

	it('stops: waits for the pass in hand, schedules nothing after, and ignores wakes', async () => {
		const clock = new FakeClock(0);
		const script = scriptedPass([10, 10]);
		const worker = createTimedWorker({ clock, pass: script.pass(clock), retryMs: 1000, onError: () => undefined });
		script.holdNext();
		worker.start();
		clock.advance(0);
		await Promise.resolve();
		const stopped = worker.stop();
		script.release();
		await stopped;
		worker.wake();
		clock.advance(100);
		await worker.idle();
		expect(script.ranAt).toEqual([0]);
		expect(clock.pendingTimers).toBe(0);
	});
});
