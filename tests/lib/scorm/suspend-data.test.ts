import { describe, expect, it } from 'vitest';
import type { PackageData } from '$lib/scorm/package-data';
import {
	decodeSuspendData,
	encodeSuspendData,
	SUSPEND_DATA_LIMIT_12,
	worstCaseSuspendData
} from '$lib/scorm/suspend-data';
import { checkSuspendDataFits } from '$lib/server/export/scorm/scorm-package';

const withQuestions = (count: number, idLength: number, version: PackageData['version'] = '1.2'): PackageData => ({
	version,
	module: 'm',
	title: 'M',
	start: 'm.html',
	pages: ['m.html'],
	passMark: 0.8,
	questions: Array.from({ length: count }, (_, index) => ({
		id: `q${String(index).padStart(idLength - 1, '0')}`,
		lesson: 'l',
		type: 'choice' as const,
		pattern: 'a',
		description: ''
	}))
});

describe('suspend_data', () => {
	it('round-trips each question’s best score', () => {
		const state = { best: { 'who-called': 100, 'call-order': 33 } };
		expect(decodeSuspendData(encodeSuspendData(state))).toEqual(state);
	});

	it('starts afresh from text it cannot read, and drops entries that are not scores', () => {
		for (const text of ['', 'not json', '{"v":1,"b":', '{"v":2,"b":{"a":1}}', 'null', '[]']) {
			expect(decodeSuspendData(text), text).toEqual({ best: {} });
		}
		expect(decodeSuspendData('{"v":1,"b":{"a":50,"b":"x","c":101,"d":1.5,"e":-1}}')).toEqual({ best: { a: 50 } });
	});

	it('measures the worst case: every question answered, every score three digits', () => {
		const ids = ['a', 'bb'];
		expect(worstCaseSuspendData(ids)).toBe('{"v":1,"b":{"a":100,"bb":100}}');
		// 14 characters of frame; each question adds its id and 7 more (two quotes, a colon, 100, a
		// comma), less the last comma.
		const data = withQuestions(100, 20);
		expect(worstCaseSuspendData(data.questions.map((question) => question.id)).length).toBe(14 + 100 * (20 + 7) - 1);
	});

	it('refuses a SCORM 1.2 package whose resume data could pass 4,096 characters, and says what to do', () => {
		expect(() => checkSuspendDataFits(withQuestions(100, 30))).not.toThrow();
		expect(() => checkSuspendDataFits(withQuestions(120, 40))).toThrow(
			`this module's resume data can reach ${14 + 120 * 47 - 1} characters, more than SCORM 1.2's ${SUSPEND_DATA_LIMIT_12}: export it as scorm2004`
		);
		expect(() => checkSuspendDataFits(withQuestions(120, 40, '2004'))).not.toThrow();
	});
});
