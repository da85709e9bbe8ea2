import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '$lib/server/classroom/csv';

describe('csvCell', () => {
	it.each([
		['plain', 'plain'],
		['O’Brien, Siobhán', '"O’Brien, Siobhán"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		[' padded', '" padded"'],
		['<b>markup</b>', '<b>markup</b>']
	])('writes %j as %j', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	it.each([
		['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
		['+1+1', `"'+1+1"`],
		['-2+3', `"'-2+3"`],
		['@SUM(A1)', `"'@SUM(A1)"`],
		['\t=1', `"'\t=1"`],
		['\r=1', `"'\r=1"`]
	])('defuses the formula %j', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	it('writes numbers as numbers, negative ones included, and booleans as yes/no', () => {
		expect([csvCell(-2), csvCell(72.5), csvCell(Number.NaN), csvCell(true), csvCell(false), csvCell(null)]).toEqual([
			'-2',
			'72.5',
			'',
			'yes',
			'no',
			''
		]);
	});
});

describe('toCsv', () => {
	it('writes a header and one CRLF-ended line per row, after a byte-order mark', () => {
		const csv = toCsv(
			[
				{ header: 'Name', value: (row: { name: string; score: number }) => row.name },
				{ header: 'Score (%)', value: (row) => row.score }
			],
			[
				{ name: 'Ada', score: 100 },
				{ name: '=cmd', score: 0 }
			]
		);
		expect(csv).toBe(`\uFEFFName,Score (%)\r\nAda,100\r\n"'=cmd",0\r\n`);
	});
});
