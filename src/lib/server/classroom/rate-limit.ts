/**
 * Limits failed guesses (join codes, resume codes, dashboard keys) per client address. Only
 * failures count, so a class joining from one school address is never slowed down by its own
 * successful joins; once an address has used up its failures, every guess from it is refused
 * until the window slides on, right or wrong, so a blocked guesser learns nothing.
 *
 * In memory, per server process: enough for one Node server. A cluster would share a store.
 */
export interface RateLimitOptions {
	maxFailures: number;
	windowMs: number;
	/** Addresses tracked at once; the stalest are forgotten beyond it, bounding memory. */
	maxKeys?: number;
	now?: () => number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class FailureRateLimiter {
	readonly maxFailures: number;
	private readonly windowMs: number;
	private readonly maxKeys: number;
	private readonly now: () => number;
	/** Failure times per key, oldest first; a Map keeps insertion order for eviction. */
	private readonly failures = new Map<string, number[]>();

	constructor(options: RateLimitOptions) {
		this.maxFailures = options.maxFailures;
		this.windowMs = options.windowMs;
		this.maxKeys = options.maxKeys ?? 10_000;
		this.now = options.now ?? Date.now;
	}

	private recent(key: string): number[] {
		const since = this.now() - this.windowMs;
		const times = (this.failures.get(key) ?? []).filter((time) => time > since);
		if (times.length === 0) this.failures.delete(key);
		else this.failures.set(key, times);
		return times;
	}

	check(key: string): RateLimitVerdict {
		const times = this.recent(key);
		if (times.length < this.maxFailures) return { allowed: true };
		const oldest = times[0] ?? this.now();
		return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000)) };
	}

	recordFailure(key: string): void {
		const times = this.recent(key);
		times.push(this.now());
		// Re-insert so the most recently failing keys are the last evicted.
		this.failures.delete(key);
		this.failures.set(key, times.slice(-this.maxFailures));
		while (this.failures.size > this.maxKeys) {
			const stalest = this.failures.keys().next().value;
			if (stalest === undefined) break;
			this.failures.delete(stalest);
		}
	}
}

/**
 * The server's guess limiter: 30 failed codes or keys per address in 10 minutes. Generous for a
 * class of mistyping students behind one address; at that rate guessing a join code takes years.
 */
export const guessLimiter = new FailureRateLimiter({ maxFailures: 30, windowMs: 10 * 60 * 1000 });
