import { describe, expect, it } from 'vitest';
import { grade, type Grade, type Response } from '$lib/quiz/grade';
import {
	actorIds,
	allTypes,
	classification,
	map,
	matching,
	multiple,
	ordering,
	single,
	truefalse
} from '../../fixtures/quiz/questions';

function score(result: Grade): number {
	if (result.status !== 'graded') throw new Error(`expected a grade, got: ${result.message}`);
	return result.score;
}

function message(result: Grade): string {
	if (result.status !== 'invalid') throw new Error(`expected an invalid answer, got score ${result.score}`);
	return result.message;
}

describe('single choice', () => {
	it('scores the right option 1 and a wrong one 0', () => {
		expect(grade(single, { type: 'single', choice: 'ana' })).toEqual({ status: 'graded', score: 1, correct: true });
		expect(grade(single, { type: 'single', choice: 'boris' })).toEqual({ status: 'graded', score: 0, correct: false });
	});
	it('refuses an empty answer and an unknown option', () => {
		expect(message(grade(single, { type: 'single', choice: '' }))).toBe('choose an answer');
		expect(message(grade(single, { type: 'single', choice: 'zed' }))).toBe(
			'"zed" is not one of this question\'s options'
		);
	});
});

describe('multiple select: (right − wrong) / right, at least 0', () => {
	it.each([
		[['call', 'callback'], 1],
		[['callback', 'call'], 1],
		[['call'], 0.5],
		[['call', 'summit'], 0],
		[['call', 'callback', 'summit'], 0.5],
		[['call', 'callback', 'summit', 'treaty'], 0],
		[['summit', 'treaty'], 0]
	] as const)('%j scores %d', (choices, expected) => {
		expect(score(grade(multiple, { type: 'multiple', choices: [...choices] }))).toBe(expected);
	});
	it('is correct only with full marks, and marks each option', () => {
		expect(grade(multiple, { type: 'multiple', choices: ['call'] })).toEqual({
			status: 'graded',
			score: 0.5,
			correct: false,
			parts: { call: true, callback: false, summit: true, treaty: true }
		});
	});
	it('refuses no choice, an unknown option and an option chosen twice', () => {
		expect(message(grade(multiple, { type: 'multiple', choices: [] }))).toBe('choose at least one option');
		expect(message(grade(multiple, { type: 'multiple', choices: ['call', 'war'] }))).toBe(
			'"war" is not one of this question\'s options'
		);
		expect(message(grade(multiple, { type: 'multiple', choices: ['call', 'call'] }))).toBe(
			'option "call" is chosen twice'
		);
	});
});

describe('true/false', () => {
	it('scores the right value 1', () => {
		expect(score(grade(truefalse, { type: 'truefalse', value: false }))).toBe(1);
		expect(score(grade(truefalse, { type: 'truefalse', value: true }))).toBe(0);
	});
});

describe('ordering: the share of pairs in the right relative order', () => {
	it.each([
		[['first-call', 'second-call', 'report'], 1],
		[['second-call', 'first-call', 'report'], 0.667],
		[['first-call', 'report', 'second-call'], 0.667],
		[['report', 'second-call', 'first-call'], 0]
	] as const)('%j scores %d', (order, expected) => {
		expect(score(grade(ordering, { type: 'ordering', order: [...order] }))).toBe(expected);
	});
	it('marks each event placed in its right position', () => {
		const result = grade(ordering, { type: 'ordering', order: ['first-call', 'report', 'second-call'] });
		expect(result.status === 'graded' && result.parts).toEqual({
			'first-call': true,
			report: false,
			'second-call': false
		});
	});
	it('refuses an empty order, a partial order, an unknown event and an event placed twice', () => {
		expect(message(grade(ordering, { type: 'ordering', order: [] }))).toBe('place all 3 events');
		expect(message(grade(ordering, { type: 'ordering', order: ['report', 'first-call'] }))).toBe('place all 3 events');
		expect(message(grade(ordering, { type: 'ordering', order: ['report', 'first-call', 'summit'] }))).toBe(
			'"summit" is not one of the events to order'
		);
		expect(message(grade(ordering, { type: 'ordering', order: ['report', 'report', 'first-call'] }))).toBe(
			'event "report" is placed twice'
		);
	});
});

describe('matching: the share of quotes matched', () => {
	it('scores every quote, and marks each', () => {
		expect(score(grade(matching, { type: 'matching', matches: { q1: 'ana-envoy', q2: 'boris-aide' } }))).toBe(1);
		expect(grade(matching, { type: 'matching', matches: { q1: 'ana-envoy', q2: 'carla-critic' } })).toEqual({
			status: 'graded',
			score: 0.5,
			correct: false,
			parts: { q1: true, q2: false }
		});
	});
	it('refuses a partial answer (an empty select counts as none), an unknown quote and an unknown speaker', () => {
		expect(message(grade(matching, { type: 'matching', matches: {} }))).toBe('give every quote a speaker (2 left)');
		expect(message(grade(matching, { type: 'matching', matches: { q1: 'ana-envoy', q2: '' } }))).toBe(
			'give every quote a speaker (1 left)'
		);
		expect(
			message(grade(matching, { type: 'matching', matches: { q1: 'ana-envoy', q2: 'boris-aide', q9: 'ana-envoy' } }))
		).toBe('"q9" is not one of this question\'s quotes');
		expect(message(grade(matching, { type: 'matching', matches: { q1: 'ana-envoy', q2: 'putin' } }))).toBe(
			'"putin" is not one of the speakers offered'
		);
	});
});

describe('classification: the share of statements classified', () => {
	it('scores each statement', () => {
		expect(
			score(grade(classification, { type: 'classification', kinds: { s1: 'fact', s2: 'denial', s3: 'speculation' } }))
		).toBe(1);
		expect(
			score(grade(classification, { type: 'classification', kinds: { s1: 'fact', s2: 'claim', s3: 'opinion' } }))
		).toBe(0.333);
	});
	it('refuses a partial answer and an unknown kind', () => {
		expect(message(grade(classification, { type: 'classification', kinds: { s1: 'fact' } }))).toBe(
			'give every statement a kind (2 left)'
		);
		const unknownKind = { s1: 'fact', s2: 'denial', s3: 'rumour' } as unknown as Record<string, 'fact'>;
		expect(message(grade(classification, { type: 'classification', kinds: unknownKind }))).toBe(
			'"rumour" is not one of the kinds offered'
		);
	});
});

describe('map', () => {
	it('scores the right actor 1, another actor 0', () => {
		expect(score(grade(map, { type: 'map', actor: 'boris-aide' }, actorIds))).toBe(1);
		expect(score(grade(map, { type: 'map', actor: 'ana-envoy' }, actorIds))).toBe(0);
	});
	it('refuses no actor, and an actor not on the map when the map is known', () => {
		expect(message(grade(map, { type: 'map', actor: '' }, actorIds))).toBe('choose an actor');
		expect(message(grade(map, { type: 'map', actor: 'putin' }, actorIds))).toBe('"putin" is not an actor on the map');
		expect(score(grade(map, { type: 'map', actor: 'putin' }))).toBe(0);
	});
});

describe('grade', () => {
	it('refuses a response of the wrong type for every question type', () => {
		const responses: Response[] = [
			{ type: 'single', choice: 'ana' },
			{ type: 'multiple', choices: ['call'] },
			{ type: 'truefalse', value: true },
			{ type: 'ordering', order: ['report'] },
			{ type: 'matching', matches: {} },
			{ type: 'classification', kinds: {} },
			{ type: 'map', actor: 'ana-envoy' }
		];
		for (const question of allTypes) {
			for (const response of responses.filter((candidate) => candidate.type !== question.type)) {
				expect(message(grade(question, response))).toBe(
					`a ${question.type} question cannot take a ${response.type} answer`
				);
			}
		}
	});

	it('is pure: submitting the same answer twice grades it the same and changes nothing', () => {
		const response: Response = { type: 'ordering', order: ['second-call', 'first-call', 'report'] };
		const before = JSON.stringify([ordering, response]);
		expect(grade(ordering, response)).toEqual(grade(ordering, response));
		expect(JSON.stringify([ordering, response])).toBe(before);
	});
});
