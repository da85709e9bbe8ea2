import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryStore } from '$lib/quiz/progress/key-value-store';
import { ProgressStore } from '$lib/quiz/progress/progress-store';
import { QuizSession } from '$lib/quiz/quiz-session';
import { QUESTION_SETTLED_EVENT, type SettledAnnouncement } from '$lib/quiz/settled-announcement';
import { single, truefalse } from '../../fixtures/quiz/questions';

afterEach(() => vi.unstubAllGlobals());

describe('announcing a settled question to the page around the app', () => {
	it('dispatches one event per settled question with the answer, the result and the time it took', () => {
		const page = new EventTarget();
		vi.stubGlobal('window', page);
		const heard: SettledAnnouncement[] = [];
		page.addEventListener(QUESTION_SETTLED_EVENT, (event) =>
			heard.push((event as CustomEvent<SettledAnnouncement>).detail)
		);
		let time = Date.parse('2025-12-01T10:00:00Z');
		const now = () => new Date(time);
		const store = new ProgressStore({ store: memoryStore(), persistent: true }, 'mini-module', {
			now,
			random: () => 0.25
		});
		const session = QuizSession.open({
			store,
			sessionKey: 'the-call',
			during: 'lesson',
			questions: [single, truefalse],
			lessonOf: () => 'the-call',
			passMark: 0.8,
			tries: 2,
			now
		});
		session.send({ type: 'quiz.start' });
		time += 12_000;
		session.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		time += 5_000;
		session.send({ type: 'solution.show' });

		expect(heard).toEqual([
			{
				questionId: 'who-called',
				lesson: 'the-call',
				during: 'lesson',
				score: 1,
				correct: true,
				response: { type: 'single', choice: 'ana' },
				latencyMs: 12_000
			},
			{ questionId: truefalse.id, lesson: 'the-call', during: 'lesson', score: 0, correct: false, latencyMs: 5_000 }
		]);
	});
});
