import { describe, expect, it } from 'vitest';
import { hasAnswerKey, publicQuestion } from '$lib/quiz/public-question';
import { allTypes, matching } from '../../fixtures/quiz/questions';

describe('publicQuestion', () => {
	it.each(allTypes.map((question) => [question.type, question] as const))(
		'%s: withholds the key, the explanation and the hint',
		(_type, question) => {
			const shown = publicQuestion(question);
			const json = JSON.stringify(shown);
			expect(Object.keys(shown)).not.toContain('answer');
			expect(Object.keys(shown)).not.toContain('explanationHtml');
			expect(Object.keys(shown)).not.toContain('hintHtml');
			expect(json).not.toContain('Because the wire says so');
			expect(shown).toMatchObject({
				id: question.id,
				type: question.type,
				promptHtml: question.promptHtml,
				section: question.section
			});
			expect(hasAnswerKey(shown)).toBe(false);
			expect(hasAnswerKey(question)).toBe(true);
		}
	);

	it('keeps what the learner needs to answer, and copies it', () => {
		const shown = publicQuestion(matching);
		expect(shown).toEqual({
			id: 'who-said',
			type: 'matching',
			promptHtml: matching.promptHtml,
			section: 'the-call',
			sources: ['wire-report'],
			quotes: matching.quotes,
			speakers: matching.speakers
		});
		expect(shown.type === 'matching' && shown.quotes).not.toBe(matching.quotes);
	});
});
