import { describe, expect, it } from 'vitest';
import { answerField } from '$lib/quiz/form-fields';
import { grade } from '$lib/quiz/grade';
import { publicQuestion } from '$lib/quiz/public-question';
import { responseFromForm } from '$lib/quiz/response-from-form';
import { responseSchema } from '$lib/quiz/response-schema';
import {
	allTypes,
	classification,
	map,
	matching,
	multiple,
	ordering,
	single,
	truefalse
} from '../../fixtures/quiz/questions';

function form(entries: [string, string | Blob][]): FormData {
	const data = new FormData();
	for (const [name, value] of entries) data.append(name, value);
	return data;
}

describe('responseFromForm reads each type', () => {
	it('single, true/false and map from one field', () => {
		expect(responseFromForm(single, form([[answerField('who-called'), 'ana']]))).toEqual({
			ok: true,
			response: { type: 'single', choice: 'ana' }
		});
		expect(responseFromForm(truefalse, form([[answerField('call-verified'), 'false']]))).toEqual({
			ok: true,
			response: { type: 'truefalse', value: false }
		});
		expect(responseFromForm(map, form([[answerField('find-boris'), 'boris-aide']]))).toEqual({
			ok: true,
			response: { type: 'map', actor: 'boris-aide' }
		});
	});

	it('multiple from a field repeated per ticked option', () => {
		const data = form([
			[answerField('what-happened'), 'call'],
			[answerField('what-happened'), 'summit']
		]);
		expect(responseFromForm(multiple, data)).toEqual({
			ok: true,
			response: { type: 'multiple', choices: ['call', 'summit'] }
		});
	});

	it('ordering from a position per event', () => {
		const data = form([
			[answerField('call-order', 'report'), '3'],
			[answerField('call-order', 'second-call'), '2'],
			[answerField('call-order', 'first-call'), '1']
		]);
		expect(responseFromForm(ordering, data)).toEqual({
			ok: true,
			response: { type: 'ordering', order: ['first-call', 'second-call', 'report'] }
		});
	});

	it('matching and classification from a field per part', () => {
		const matches = form([
			[answerField('who-said', 'q1'), 'ana-envoy'],
			[answerField('who-said', 'q2'), 'boris-aide']
		]);
		expect(responseFromForm(matching, matches)).toEqual({
			ok: true,
			response: { type: 'matching', matches: { q1: 'ana-envoy', q2: 'boris-aide' } }
		});
		const kinds = form([
			[answerField('what-kind', 's1'), 'fact'],
			[answerField('what-kind', 's2'), 'denial'],
			[answerField('what-kind', 's3'), 'opinion']
		]);
		expect(responseFromForm(classification, kinds)).toEqual({
			ok: true,
			response: { type: 'classification', kinds: { s1: 'fact', s2: 'denial', s3: 'opinion' } }
		});
	});

	it("works on public questions, ignores other questions' fields, and its responses grade", () => {
		const data = form([
			[answerField('who-called'), 'boris'],
			[answerField('call-verified'), 'true']
		]);
		const reading = responseFromForm(publicQuestion(single), data);
		expect(reading).toEqual({ ok: true, response: { type: 'single', choice: 'boris' } });
		if (reading.ok) expect(grade(single, reading.response)).toMatchObject({ status: 'graded', score: 0 });
	});
});

describe('responseFromForm says what is missing', () => {
	it.each([
		[single, 'choose an answer'],
		[multiple, 'choose at least one option'],
		[truefalse, 'choose true or false'],
		[map, 'choose an actor'],
		[ordering, 'give "The report appears" a position'],
		[matching, 'choose a speaker for every quote (2 left)'],
		[classification, 'classify every statement (3 left)']
	] as const)('an empty form for %# (%s)', (question, message) => {
		expect(responseFromForm(question, new FormData())).toEqual({ ok: false, message });
	});

	it('an empty select or a file counts as no answer', () => {
		expect(responseFromForm(single, form([[answerField('who-called'), '']]))).toEqual({
			ok: false,
			message: 'choose an answer'
		});
		expect(responseFromForm(single, form([[answerField('who-called'), new Blob(['ana'])]]))).toEqual({
			ok: false,
			message: 'choose an answer'
		});
		const partial = form([
			[answerField('who-said', 'q1'), 'ana-envoy'],
			[answerField('who-said', 'q2'), '']
		]);
		expect(responseFromForm(matching, partial)).toEqual({
			ok: false,
			message: 'choose a speaker for every quote (1 left)'
		});
	});

	it('refuses a value that is not true or false, an unknown kind, and bad or shared positions', () => {
		expect(responseFromForm(truefalse, form([[answerField('call-verified'), 'maybe']]))).toEqual({
			ok: false,
			message: '"maybe" is neither true nor false'
		});
		const rumour = form([
			[answerField('what-kind', 's1'), 'rumour'],
			[answerField('what-kind', 's2'), 'fact'],
			[answerField('what-kind', 's3'), 'fact']
		]);
		expect(responseFromForm(classification, rumour)).toEqual({
			ok: false,
			message: '"rumour" is not one of the kinds offered'
		});
		const outOfRange = form([
			[answerField('call-order', 'report'), '4'],
			[answerField('call-order', 'second-call'), '2'],
			[answerField('call-order', 'first-call'), '1']
		]);
		expect(responseFromForm(ordering, outOfRange)).toEqual({
			ok: false,
			message: 'the position of "The report appears" must be a number from 1 to 3, not "4"'
		});
		const shared = form([
			[answerField('call-order', 'report'), '2'],
			[answerField('call-order', 'second-call'), '2'],
			[answerField('call-order', 'first-call'), '1']
		]);
		expect(responseFromForm(ordering, shared)).toEqual({
			ok: false,
			message: '"The report appears" and "Boris calls back" are both in position 2: give each event its own position'
		});
	});
});

describe('responseSchema', () => {
	it('accepts every response the form produces and refuses malformed ones', () => {
		expect(allTypes.length).toBe(7);
		expect(responseSchema.safeParse({ type: 'single', choice: 'ana' }).success).toBe(true);
		expect(responseSchema.safeParse({ type: 'classification', kinds: { s1: 'fact' } }).success).toBe(true);
		expect(responseSchema.safeParse({ type: 'classification', kinds: { s1: 'rumour' } }).success).toBe(false);
		expect(responseSchema.safeParse({ type: 'multiple', choices: 'call' }).success).toBe(false);
		expect(responseSchema.safeParse({ type: 'single', choice: 'ana', extra: 1 }).success).toBe(false);
		expect(responseSchema.safeParse({ type: 'essay', text: 'hi' }).success).toBe(false);
	});
});
