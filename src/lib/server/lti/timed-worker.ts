/**
 * A background worker that runs one pass at a time on a timer: the score outbox (post waiting
 * scores) and the due sweep (queue scores withheld until a due date) both run on it.
 *
 * - `start()` runs a pass at once; each pass says when to run the next (a delay in ms), or
 *   `undefined` to sleep until woken, or `MORE` to run the next at once, without a timer (a batch
 *   came back full: more is due).
 * - `wake()` during a pass runs another pass right after it, so nothing committed while a pass
 *   was reading is left asleep.
 * - A pass that throws (the database failed) is reported and tried again after `retryMs`,
 *   rather than stopping the worker for good.
 * - `stop()` waits for the pass in hand; a pass can ask `isRunning()` to stop early.
 *
 * The clock and its timers are injected so the tests run on a fake clock.
 */

export interface WorkerClock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

/** The real clock. Its timers are unref'd: a worker alone must not keep a process (a CLI, a test) alive. */
export const SYSTEM_CLOCK: WorkerClock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => {
		const handle = setTimeout(callback, ms);
		handle.unref();
		return handle;
	},
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

export interface TimedWorker {
	start(): void;
	/** Stops the worker, waiting for the pass in hand to finish. */
	stop(): Promise<void>;
	/** Resolves when the worker has no pass in hand (for tests and shutdown). */
	idle(): Promise<void>;
	/** Runs a pass now, or right after the one in hand; nothing while stopped. */
	wake(): void;
	isRunning(): boolean;
}

export interface TimedWorkerOptions {
	clock: WorkerClock;
	/** One pass; resolves with the delay until the next (undefined: until woken; MORE: at once). */
	pass: () => Promise<number | typeof MORE | undefined>;
	/** The wait after a pass that threw. */
	retryMs: number;
	onError: (error: unknown) => void;
}

/** What a pass returns to be followed at once by another. */
export const MORE = 'more';

/** Longest single sleep: setTimeout overflows past 2^31 - 1 ms. */
const MAX_SLEEP_MS = 2 ** 31 - 1;

export function createTimedWorker({ clock, pass, retryMs, onError }: TimedWorkerOptions): TimedWorker {
	let running = false;
	let timer: unknown;
	let inHand: Promise<void> | undefined;
	let wakeAgain = false;

	function schedule(delayMs: number) {
		if (!running) return;
		if (timer !== undefined) clock.clearTimeout(timer);
		timer = clock.setTimeout(run, Math.min(MAX_SLEEP_MS, Math.max(0, delayMs)));
	}

	function run() {
		timer = undefined;
		if (!running) return;
		if (inHand) {
			wakeAgain = true;
			return;
		}
		inHand = (async () => {
			let next: number | typeof MORE | undefined;
			do {
				wakeAgain = false;
				next = await pass();
			} while (running && (wakeAgain || next === MORE));
			if (typeof next === 'number') schedule(next);
		})()
			.catch((error: unknown) => {
				onError(error);
				schedule(retryMs);
			})
			.finally(() => {
				inHand = undefined;
			});
	}

	return {
		start() {
			if (running) return;
			running = true;
			schedule(0);
		},
		async stop() {
			running = false;
			if (timer !== undefined) clock.clearTimeout(timer);
			timer = undefined;
			await inHand;
		},
		async idle() {
			while (inHand) await inHand;
		},
		wake() {
			if (!running) return;
			if (inHand) wakeAgain = true;
			else schedule(0);
		},
		isRunning: () => running
	};
}
