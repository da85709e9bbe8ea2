/** The quiz intro promises only what holds, and is not in the page without JavaScript (issue 17.6). */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import Quiz from '$lib/components/quiz/Quiz.svelte';
import { quizIntro } from '$lib/components/quiz/quiz-text';
import type { Question } from '$lib/model/course';
import { multiple, single, truefalse } from '../../../fixtures/quiz/questions';

const quiz = (questions: Question[], tries = 2) => ({ questions, passMark: 0.8, tries });

describe('the quiz intro', () => {
	it('promises a hint after a wrong try only for questions that have one, and only with a second try', () => {
		const hinted = { ...truefalse, hintHtml: 'Who says so?' };
		expect(quizIntro(quiz([single, hinted]))).toBe(
			'2 questions · pass mark 80% · 2 tries per question, with a hint after a wrong try.'
		);
		expect(quizIntro(quiz([single, truefalse, multiple]))).toBe(
			'3 questions · pass mark 80% · 2 tries per question, with a hint after a wrong try on 1 of them.'
		);
		expect(quizIntro(quiz([truefalse, multiple]))).toBe('2 questions · pass mark 80% · 2 tries per question.');
		expect(quizIntro(quiz([single, hinted], 1))).toBe('2 questions · pass mark 80% · 1 try per question.');
	});

	it('is left out of the server-rendered page, where only the no-JavaScript list shows', () => {
		const lesson = { slug: 'the-call', focus: { actors: [], events: [] }, quiz: quiz([single]), sections: [] };
		const module = { slug: 'mini-module', sides: [], actors: [], sources: [] };
		const { body } = render(Quiz, { props: { lesson, module, preview: '<ol class="quiz-preview"></ol>' } });
		expect(body).toContain('Check your understanding');
		expect(body).toMatch(/<noscript>(<!--[^>]*-->)?<ol class="quiz-preview"><\/ol>/);
		expect(body).not.toContain('per question');
	});
});
