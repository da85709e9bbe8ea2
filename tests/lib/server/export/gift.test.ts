import { parse, type GIFTQuestion } from 'gift-pegjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Module } from '$lib/model/course';
import { answerKey, pair, type AnswerKey } from '$lib/server/export/answer-key';
import { giftCannotExpress, giftFile } from '$lib/server/export/gift';
import { allQuestions, publicItems } from '$lib/server/export/items';
import { everyTypeModule } from './every-type-module';

/** A parsed GIFT question's key, in the words the file gives. */
function keyOf(question: GIFTQuestion): AnswerKey | undefined {
	if (!('stem' in question) || !question.title) return undefined;
	const id = question.title;
	switch (question.type) {
		case 'MC': {
			const weighted = question.choices.some((choice) => choice.weight !== null);
			const right = question.choices.filter((choice) => (weighted ? (choice.weight ?? 0) > 0 : choice.isCorrect));
			return { id, correct: right.map((choice) => choice.text.text).sort() };
		}
		case 'TF':
			return { id, correct: [String(question.isTrue)] };
		case 'Matching':
			return {
				id,
				correct: question.matchPairs
					.filter((match) => match.subquestion.text !== '')
					.map((match) => pair(match.subquestion.text, match.subanswer))
					.sort()
			};
		default:
			return undefined;
	}
}

describe('GIFT export', () => {
	let module: Module;
	let text: string;
	let parsed: GIFTQuestion[];
	beforeAll(async () => {
		module = await everyTypeModule();
		text = giftFile(module, publicItems(module));
		parsed = parse(text);
	});

	it('parses back with gift-pegjs to the same answer keys as the loaded course', () => {
		const expressible = allQuestions(publicItems(module)).filter((question) => !giftCannotExpress(question));
		const keys = parsed.map(keyOf).filter((key) => key !== undefined);
		expect(keys).toEqual(expressible.map(answerKey));
		// Every type but map is in the fixture and in the file.
		expect(new Set(expressible.map((question) => question.type))).toEqual(
			new Set(['single', 'multiple', 'truefalse', 'ordering', 'matching', 'classification'])
		);
	});

	it('names each question it cannot express in a comment, with the reason', () => {
		expect(text).toContain('// Not exported: question "find-boris" (map): it asks the learner to find an actor');
		expect(parsed.some((question) => question.type !== 'Category' && question.title === 'find-boris')).toBe(false);
	});

	it("keeps GIFT's control characters in option texts as text", () => {
		const single = parsed.find((question) => question.type === 'MC' && question.title === 'who-called');
		expect(single?.type === 'MC' && single.choices.map((choice) => choice.text.text)).toEqual([
			'Ana Envoy',
			'Boris Aide: the one who {answered} = 100%'
		]);
	});

	it('weights a multiple-select question as the app grades it: a wrong option cancels a right one', () => {
		const multiple = parsed.find((question) => question.type === 'MC' && question.title === 'what-was-said');
		expect(multiple?.type === 'MC' && multiple.choices.map((choice) => choice.weight)).toEqual([50, 50, -50]);
	});

	it("offers a matching question's unused speakers and a classification's unused kinds as wrong answers", () => {
		const answersOf = (title: string) => {
			const found = parsed.find((question) => question.type === 'Matching' && question.title === title);
			return found?.type === 'Matching' ? found.matchPairs.map((match) => match.subanswer).sort() : [];
		};
		expect(answersOf('who-said')).toEqual(['Ana Envoy', 'Boris Aide', 'Cara Critic']);
		expect(answersOf('kinds')).toEqual(['Denial', 'Official claim', 'Opinion', 'Reported fact', 'Speculation']);
	});

	it('puts each lesson in its own Moodle category and gives the explanation as general feedback', () => {
		const categories = parsed.filter((question) => question.type === 'Category').map((question) => question.title);
		expect(categories).toEqual(['Backchannel/every-type/the-call', 'Backchannel/every-type/the-report']);
		const truefalse = parsed.find((question) => question.type === 'TF');
		expect(truefalse?.type === 'TF' && truefalse.globalFeedback?.text).toBe('Boris denied it [Example Wire].');
	});

	it('warns in the file itself when it holds held-back items', () => {
		const assessment = giftFile(module, { ...publicItems(module), kind: 'assessment' });
		expect(assessment.split('\n')[1]).toMatch(/^\/\/ WARNING: this file contains the answer keys/);
		expect(parse(assessment).filter((question) => question.type !== 'Category')).toHaveLength(6);
	});
});
