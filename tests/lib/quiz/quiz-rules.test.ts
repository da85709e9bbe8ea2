import { describe, expect, it } from 'vitest';
import { gradeDraft, hintOf, initialDraft, sameResponse, summarize, type QuizContext } from '$lib/quiz/quiz-rules';
import { map, ordering, single, truefalse } from '../../fixtures/quiz/questions';

describe('sameResponse', () => {
	it('sees the same answer whatever the order it was put together in', () => {
		expect(sameResponse({ type: 'multiple', choices: ['a', 'b'] }, { type: 'multiple', choices: ['b', 'a'] })).toBe(
			true
		);
		expect(
			sameResponse(
				{ type: 'matching', matches: { q1: 'x', q2: 'y' } },
				{ type: 'matching', matches: { q2: 'y', q1: 'x' } }
			)
		).toBe(true);
		expect(sameResponse({ type: 'ordering', order: ['a', 'b'] }, { type: 'ordering', order: ['b', 'a'] })).toBe(false);
		expect(sameResponse({ type: 'truefalse', value: true }, undefined)).toBe(false);
		expect(sameResponse(undefined, undefined)).toBe(false);
	});
});

describe('rules', () => {
	const context = (overrides: Partial<QuizContext>): QuizContext => ({
		passMark: 0.8,
		tries: 2,
		questions: [single, truefalse, map],
		round: ['who-called', 'call-verified', 'find-boris'],
		roundKind: 'all',
		position: 0,
		attempt: { tries: [], hintShown: false },
		outcomes: {},
		...overrides
	});

	/** A question's outcome with this score, at the first try, without hint or answer shown. */
	const outcome = (score: number) => ({
		score,
		correct: score === 1,
		tries: 1,
		hintShown: false,
		revealed: false,
		answerShownBefore: false
	});

	it('summarizes the whole quiz, passing at the pass mark', () => {
		expect(
			summarize(
				context({ outcomes: { 'who-called': outcome(1), 'call-verified': outcome(1), 'find-boris': outcome(0.5) } })
			)
		).toEqual({
			points: 2.5,
			total: 3,
			score: 0.833,
			passed: true,
			missed: ['find-boris'],
			earnedScore: 0.833,
			mastered: true,
			shownBefore: []
		});
		expect(summarize(context({ questions: [] }))).toEqual({
			points: 0,
			total: 0,
			score: 0,
			passed: false,
			missed: [],
			earnedScore: 0,
			mastered: false,
			shownBefore: []
		});
	});

	it('passes and masters exactly at the pass mark, in whole percentages as shown, and not one point below', () => {
		// Two right and the third's partial score sets the mean: (1 + 1 + last) / 3.
		const withLast = (last: number) =>
			summarize(
				context({
					passMark: 0.7,
					outcomes: { 'who-called': outcome(1), 'call-verified': outcome(1), 'find-boris': outcome(last) }
				})
			);
		expect(withLast(0.1)).toMatchObject({ score: 0.7, passed: true, mastered: true });
		// 69.8% is shown as 70%: it reaches a pass mark shown as 70%.
		expect(withLast(0.094)).toMatchObject({ score: 0.698, passed: true, mastered: true });
		expect(withLast(0.07)).toMatchObject({ score: 0.69, passed: false, mastered: false });
	});

	it('counts a question right only after its answer was shown as missed for mastery, not for the score', () => {
		const right = { score: 1, correct: true, tries: 1, hintShown: false, revealed: false, answerShownBefore: false };
		const summary = summarize(
			context({
				outcomes: {
					'who-called': right,
					'call-verified': { ...right, answerShownBefore: true },
					'find-boris': { ...right, answerShownBefore: true }
				}
			})
		);
		expect(summary).toMatchObject({ score: 1, passed: true, missed: [], earnedScore: 0.333, mastered: false });
		expect(summary.shownBefore).toEqual(['call-verified', 'find-boris']);
	});

	it('grades the draft when there is one, refusing an actor not on the map', () => {
		expect(gradeDraft(context({ draft: { type: 'single', choice: 'ana' } }))).toMatchObject({
			status: 'graded',
			correct: true
		});
		expect(gradeDraft(context({}))).toBeUndefined();
		expect(
			gradeDraft(context({ actorIds: ['ana-envoy'], position: 2, draft: { type: 'map', actor: 'boris-aide' } }))
		).toEqual({
			status: 'invalid',
			message: '"boris-aide" is not an actor on the map'
		});
	});

	it('starts ordering questions from the order shown, and gives the hint a question has', () => {
		expect(initialDraft(ordering)).toEqual({ type: 'ordering', order: ['report', 'second-call', 'first-call'] });
		expect(initialDraft(single)).toBeUndefined();
		expect(hintOf(single)).toBe('Look at who the report names first.');
		expect(hintOf(truefalse)).toBeUndefined();
	});
});
