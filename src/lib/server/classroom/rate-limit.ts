/**
 * Slows down guessing of join codes, resume codes, session cookies and dashboard keys without
 * ever refusing the right answer. Failed guesses are counted in a sliding window per client
 * address and per target (the assignment a key or cookie is for); past a free allowance, every
 * further failure costs a delay that doubles up to a cap. Nothing is blocked: a class behind one
 * school address that mistypes, or one student guessing on purpose, makes wrong answers slow and
 * leaves right ones working.
 *
 * - Dashboard keys (256 bits), resume codes (59 bits) and session tokens (256 bits) are checked
 *   first and a right one is let in at once; only the wrong answer is delayed. Their size, not
 *   the delay, is what makes guessing them hopeless.
 * - Join codes (≈ 30 bits, and a guess may hit any open assignment) are the weak secret: a
 *   request from an address with failures waits before its code is checked, right or wrong, so a
 *   guesser cannot tell a hit from the reply's speed. At the cap that is one guess per
 *   `maxDelayMs` per connection; the roster cap (join-limit.ts) bounds what a hit can do.
 *
 * The counters live in the store (`limiter_events`), so a restart forgets nothing, and the same
 * two queries work on PostgreSQL. `rate-limiter-flexible` was weighed: it has SQLite and
 * PostgreSQL stores, but each creates and manages its own table outside our migrations, needs a
 * second client per backend, uses fixed windows, and its verdict is block-or-allow; the slow-down
 * would still be ours. One table and a delay function are less than that.
 */
import { repository, type ClassroomRepository } from '$lib/server/db';

export type CounterStore = Pick<ClassroomRepository, 'recordEvents' | 'countEvents' | 'pruneEvents'>;

export interface ThrottleRule {
	/** Failures in the window that cost nothing (a class mistyping). */
	freeFailures: number;
	windowMs: number;
	/** The delay for the first failure past the allowance; each further one doubles it. */
	firstDelayMs: number;
	maxDelayMs: number;
}

/** 20 free failures per address or target in 10 minutes, then ¼ s doubling up to 5 s. */
export const GUESS_RULE: ThrottleRule = {
	freeFailures: 20,
	windowMs: 10 * 60 * 1000,
	firstDelayMs: 250,
	maxDelayMs: 5000
};

/** The delay owed after `failures` failures in the window. */
export function delayAfter(failures: number, rule: ThrottleRule): number {
	const excess = failures - rule.freeFailures;
	if (excess <= 0) return 0;
	return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** Math.min(excess - 1, 30));
}

export function addressBucket(clientAddress: string): string {
	return `guess:address:${clientAddress}`;
}

export function targetBucket(assignmentId: string): string {
	return `guess:target:${assignmentId}`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every counter's window fits in this: older events are pruned (every `PRUNE_EVERY` records). */
export const LONGEST_WINDOW_MS = 10 * 60 * 1000;
export const PRUNE_EVERY = 100;

export class GuessThrottle {
	private recorded = 0;

	constructor(
		private readonly store: () => CounterStore,
		private readonly rule: ThrottleRule = GUESS_RULE,
		private readonly now: () => number = Date.now,
		private readonly wait: (ms: number) => Promise<void> = sleep
	) {}

	/** The delay owed by the most-failing of these buckets. */
	async delayMs(buckets: string[]): Promise<number> {
		const since = this.now() - this.rule.windowMs;
		const counts = await Promise.all(buckets.map((bucket) => this.store().countEvents(bucket, since)));
		return delayAfter(Math.max(0, ...counts), this.rule);
	}

	/** Waits out the delay the buckets owe (never refuses). */
	async slowDown(buckets: string[]): Promise<void> {
		const ms = await this.delayMs(buckets);
		if (ms > 0) await this.wait(ms);
	}

	async recordFailure(buckets: string[]): Promise<void> {
		const now = this.now();
		await this.store().recordEvents(buckets, now);
		if (++this.recorded % PRUNE_EVERY === 0) await this.store().pruneEvents(now - LONGEST_WINDOW_MS);
	}

	/** Records a failed guess, then delays its reply by what the buckets now owe. */
	async failed(buckets: string[]): Promise<void> {
		await this.recordFailure(buckets);
		await this.slowDown(buckets);
	}
}

/** The server's throttle, over the open store. */
export const guessThrottle = new GuessThrottle(repository);
