/**
 * Caps how fast a roster can grow, so one address (or anyone holding a code) cannot flood a
 * class with made-up students: at most `perAssignment` joins per assignment and `perAddress`
 * joins per client address in any minute. Generous for a class joining at once from one school
 * address; 1,000 joins in five seconds are not a class.
 */
import { repository } from '$lib/server/db';
import { LONGEST_WINDOW_MS, PRUNE_EVERY, type CounterStore } from './rate-limit.ts';

export interface JoinRule {
	perAssignment: number;
	perAddress: number;
	windowMs: number;
}

export const JOIN_RULE: JoinRule = { perAssignment: 300, perAddress: 400, windowMs: 60 * 1000 };

export const TOO_MANY_JOINS = 'Join: a great many students have just joined from here. Wait a minute and try again.';

function buckets(assignmentId: string, clientAddress: string) {
	return { assignment: `join:assignment:${assignmentId}`, address: `join:address:${clientAddress}` };
}

export class JoinLimiter {
	private recorded = 0;

	constructor(
		private readonly store: () => CounterStore,
		private readonly rule: JoinRule = JOIN_RULE
	) {}

	async allows(assignmentId: string, clientAddress: string, now: number): Promise<boolean> {
		const { assignment, address } = buckets(assignmentId, clientAddress);
		const since = now - this.rule.windowMs;
		const [byAssignment, byAddress] = await Promise.all([
			this.store().countEvents(assignment, since),
			this.store().countEvents(address, since)
		]);
		return byAssignment < this.rule.perAssignment && byAddress < this.rule.perAddress;
	}

	async recordJoin(assignmentId: string, clientAddress: string, now: number): Promise<void> {
		const { assignment, address } = buckets(assignmentId, clientAddress);
		await this.store().recordEvents([assignment, address], now);
		if (++this.recorded % PRUNE_EVERY === 0) await this.store().pruneEvents(now - LONGEST_WINDOW_MS);
	}
}

export const joinLimiter = new JoinLimiter(repository);
