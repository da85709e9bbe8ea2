import { describe, expect, it } from 'vitest';
import {
	CODE_ALPHABET,
	formatResumeCode,
	hashSecret,
	newDashboardKey,
	newJoinCode,
	newResumeCode,
	normalizeJoinCode,
	normalizeResumeCode,
	secretMatches
} from '$lib/server/classroom/codes';

describe('codes', () => {
	it('draws join codes of 6 characters with no look-alikes', () => {
		const codes = Array.from({ length: 200 }, newJoinCode);
		for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
		expect(new Set(codes).size).toBeGreaterThan(195);
		expect(CODE_ALPHABET).not.toMatch(/[01ILO]/);
	});

	it('reads a join code typed in lower case, with spaces or dashes', () => {
		expect(normalizeJoinCode(' abc-234 ')).toBe('ABC234');
		expect(normalizeJoinCode('ABC 234')).toBe('ABC234');
	});

	it.each([['ABC23'], ['ABC2345'], ['ABC10I'], ['ABCO23'], [''], ['<scrip']])('refuses %j as a join code', (input) => {
		expect(normalizeJoinCode(input)).toBeUndefined();
	});

	it('draws 12-character resume codes and reads them back from their grouped form', () => {
		const code = newResumeCode();
		expect(code).toMatch(/^[2-9A-HJKMNP-Z]{12}$/);
		expect(formatResumeCode(code)).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
		expect(normalizeResumeCode(formatResumeCode(code).toLowerCase())).toBe(code);
	});

	it('draws dashboard keys of 256 bits', () => {
		const key = newDashboardKey();
		expect(Buffer.from(key, 'base64url')).toHaveLength(32);
		expect(newDashboardKey()).not.toBe(key);
	});

	it('matches a secret against its hash only', () => {
		const key = newDashboardKey();
		const hash = hashSecret(key);
		expect(hash).toHaveLength(32);
		expect(secretMatches(key, hash)).toBe(true);
		expect(secretMatches(`${key}x`, hash)).toBe(false);
		expect(secretMatches(key, hash.slice(0, 16))).toBe(false);
	});
});
