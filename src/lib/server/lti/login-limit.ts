/**
 * Caps how many LMS logins one client address may start in a minute. Each login stores a state
 * and a nonce for 10 minutes (login.ts), so an address calling /lti/login in a loop would
 * otherwise grow the table without bound. The cap is far above what a school behind one address
 * does when every class opens the activity at once; refused logins store nothing, and only
 * logins that store a state are counted. Same counters as the join limit (join-limit.ts).
 */
import { repository } from '$lib/server/db';
import { LONGEST_WINDOW_MS, PRUNE_EVERY, type CounterStore } from '$lib/server/classroom/rate-limit';

export interface LoginRule {
	perAddress: number;
	windowMs: number;
}

export const LOGIN_RULE: LoginRule = { perAddress: 600, windowMs: 60 * 1000 };

export const TOO_MANY_LOGINS =
	'too many logins: a great many LMS logins have just started from this address; wait a minute and open the activity again';

export function loginBucket(clientAddress: string): string {
	return `lti-login:address:${clientAddress}`;
}

export class LoginLimiter {
	private recorded = 0;

	constructor(
		private readonly store: () => CounterStore,
		private readonly rule: LoginRule = LOGIN_RULE
	) {}

	async allows(clientAddress: string, now: number): Promise<boolean> {
		const count = await this.store().countEvents(loginBucket(clientAddress), now - this.rule.windowMs);
		return count < this.rule.perAddress;
	}

	async recordLogin(clientAddress: string, now: number): Promise<void> {
		await this.store().recordEvents([loginBucket(clientAddress)], now);
		if (++this.recorded % PRUNE_EVERY === 0) await this.store().pruneEvents(now - LONGEST_WINDOW_MS);
	}
}

export const loginLimiter = new LoginLimiter(repository);
