import { describe, expect, it } from 'vitest';
import { cleanDisplayName, nameKey, sameNames } from '$lib/server/classroom/display-name';
import { displayNameSchema } from '$lib/server/classroom/students';

describe('cleanDisplayName', () => {
	it('removes direction overrides, isolates, marks and zero-width characters', () => {
		expect(cleanDisplayName('\u202Enimda\u202C')).toBe('nimda');
		expect(cleanDisplayName('\u2067Ada\u2069 \u200FLovelace\u200E')).toBe('Ada Lovelace');
		expect(cleanDisplayName('A\u200Bd\u200C\u200Da\u2060\uFEFF')).toBe('Ada');
	});

	it('normalises to NFC, so an accent typed two ways is one name', () => {
		expect(cleanDisplayName('Jose\u0301')).toBe('Jos\u00E9');
		expect(cleanDisplayName('Jose\u0301')).toBe(cleanDisplayName('Jos\u00E9'));
	});

	it('is applied before the length and emptiness checks', () => {
		expect(displayNameSchema.safeParse('\u200B\u202E ').success).toBe(false);
		expect(displayNameSchema.parse(' \u2066Ada\u2069 ')).toBe('Ada');
	});
});

describe('sameNames', () => {
	it('numbers students who share a name in join order, ignoring case, width and spacing', () => {
		expect(nameKey(' ＡＤＡ  Lovelace ')).toBe(nameKey('ada lovelace'));
		expect(sameNames(['Ada', 'Ben', 'ada', 'A\u200Bda', 'Cy'])).toEqual([
			{ position: 1, of: 3 },
			null,
			{ position: 2, of: 3 },
			{ position: 3, of: 3 },
			null
		]);
	});
});
