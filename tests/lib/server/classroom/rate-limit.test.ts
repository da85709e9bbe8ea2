import { describe, expect, it } from 'vitest';
import { FailureRateLimiter } from '$lib/server/classroom/rate-limit';

function limiter(maxKeys?: number) {
	let now = 0;
	const instance = new FailureRateLimiter({ maxFailures: 3, windowMs: 60_000, maxKeys, now: () => now });
	return { instance, advance: (ms: number) => (now += ms) };
}

describe('FailureRateLimiter', () => {
	it('allows an address until it has used up its failures, then refuses it', () => {
		const { instance } = limiter();
		for (let i = 0; i < 3; i++) {
			expect(instance.check('1.2.3.4')).toEqual({ allowed: true });
			instance.recordFailure('1.2.3.4');
		}
		expect(instance.check('1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 60 });
		expect(instance.check('5.6.7.8')).toEqual({ allowed: true });
	});

	it('lets the address in again as old failures leave the window', () => {
		const { instance, advance } = limiter();
		instance.recordFailure('a');
		advance(30_000);
		instance.recordFailure('a');
		instance.recordFailure('a');
		expect(instance.check('a')).toEqual({ allowed: false, retryAfterSeconds: 30 });
		advance(30_001);
		expect(instance.check('a')).toEqual({ allowed: true });
	});

	it('forgets the stalest addresses beyond its capacity', () => {
		const { instance } = limiter(2);
		for (const key of ['a', 'b', 'c']) for (let i = 0; i < 3; i++) instance.recordFailure(key);
		expect(instance.check('a')).toEqual({ allowed: true });
		expect(instance.check('b').allowed).toBe(false);
		expect(instance.check('c').allowed).toBe(false);
	});
});
