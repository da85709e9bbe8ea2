import { describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { memoryStore, type KeyValueStore } from '$lib/quiz/progress/key-value-store';
import { peekSession } from '$lib/quiz/progress/progress-peek';
import { ProgressStore, progressKey } from '$lib/quiz/progress/progress-store';
import { QuizSession, type QuizSessionOptions } from '$lib/quiz/quiz-session';
import { currentQuestion } from '$lib/quiz/quiz-rules';
import { QUIZ_MACHINE_VERSION } from '$lib/quiz/session-snapshot';
import { map, multiple, ordering, single, truefalse } from '../../fixtures/quiz/questions';

const clock = { now: () => new Date('2025-12-01T10:00:00Z'), random: () => 0.25 };

function open(backing: KeyValueStore, questions: Question[], extra: Partial<QuizSessionOptions> = {}) {
	const store = new ProgressStore({ store: backing, persistent: true }, 'mini-module', clock);
	const session = QuizSession.open({
		store,
		sessionKey: 'the-call',
		during: 'lesson',
		questions,
		lessonOf: () => 'the-call',
		passMark: 0.8,
		tries: 2,
		now: clock.now,
		...extra
	});
	return { store, session };
}

const optionIds = (session: QuizSession) => {
	const question = currentQuestion(session.getSnapshot().context);
	return question?.type === 'multiple' ? question.options.map((option) => option.id) : [];
};

describe('a quiz session', () => {
	it('resumes after a reload at the same question, with the same option order and draft', () => {
		const backing = memoryStore();
		const first = open(backing, [single, multiple, truefalse]).session;
		first.send({ type: 'quiz.start' });
		first.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		first.send({ type: 'answer.submit' });
		first.send({ type: 'feedback.next' });
		first.send({ type: 'answer.change', response: { type: 'multiple', choices: ['call'] } });
		const order = optionIds(first);
		first.stop();

		const { session, store } = open(backing, [single, multiple, truefalse]);
		const snapshot = session.getSnapshot();
		expect(snapshot.value).toBe('answering');
		expect(snapshot.context.position).toBe(1);
		expect(optionIds(session)).toEqual(order);
		expect(snapshot.context.draft).toEqual({ type: 'multiple', choices: ['call'] });
		expect(snapshot.context.outcomes['who-called']).toMatchObject({ correct: true });
		expect(store.notices).toEqual([]);
	});

	it('records missed questions for review and the round for mastery', () => {
		const backing = memoryStore();
		const { session, store } = open(backing, [single, truefalse]);
		session.send({ type: 'quiz.start' });
		session.send({ type: 'solution.show' });
		session.send({ type: 'feedback.next' });
		session.send({ type: 'answer.change', response: { type: 'truefalse', value: false } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		const record = store.read();
		expect(Object.keys(record.review)).toEqual(['who-called']);
		expect(record.lessons['the-call']).toMatchObject({ best: 0.5, mastered: false });
		expect(peekSession(record.sessions['the-call'])?.value).toBe('results');
		expect(JSON.stringify(record.sessions['the-call'])).not.toContain('Who placed the first call');
	});

	it('does not master a lesson by retrying questions whose solutions were shown (issue 13)', () => {
		const backing = memoryStore();
		const { session, store } = open(backing, [single, truefalse]);
		session.send({ type: 'quiz.start' });
		for (let i = 0; i < 2; i++) {
			session.send({ type: 'solution.show' });
			session.send({ type: 'feedback.next' });
		}
		session.send({ type: 'quiz.retryMissed' });
		session.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		session.send({ type: 'answer.change', response: { type: 'truefalse', value: false } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		expect(session.getSnapshot().value).toBe('results');
		expect(store.read().lessons['the-call']).toMatchObject({ best: 0, mastered: false });
		expect(store.read().lessons['the-call']?.attempts.map((attempt) => attempt.score)).toEqual([0, 1]);
		session.send({ type: 'quiz.restart' });
		session.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		session.send({ type: 'answer.change', response: { type: 'truefalse', value: false } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		expect(store.read().lessons['the-call']).toMatchObject({ best: 1, mastered: true });
	});

	it('moves on when the question the learner was on has been removed from the lesson, and says so', () => {
		const backing = memoryStore();
		const first = open(backing, [single, truefalse, map]).session;
		first.send({ type: 'quiz.start' });
		first.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		first.send({ type: 'answer.submit' });
		first.send({ type: 'feedback.next' });
		first.stop();
		const { session, store } = open(backing, [single, map]);
		const snapshot = session.getSnapshot();
		expect(snapshot.value).toBe('answering');
		expect(currentQuestion(snapshot.context)?.id).toBe('find-boris');
		expect(snapshot.context.round).toEqual(['who-called', 'find-boris']);
		expect(store.notices.map((notice) => notice.message)).toEqual([
			'This quiz has changed since you were last here (1 question removed); your answers to the other questions are kept.'
		]);
	});

	it('goes to the results when the rest of the quiz was removed, and back to the start when all of it was', () => {
		const backing = memoryStore();
		const first = open(backing, [single, truefalse]).session;
		first.send({ type: 'quiz.start' });
		first.send({ type: 'solution.show' });
		first.send({ type: 'feedback.next' });
		first.stop();
		expect(open(backing, [single]).session.getSnapshot().value).toBe('results');
		expect(open(backing, [ordering]).session.getSnapshot().value).toBe('intro');
	});

	it('adds a new question to a full round and starts over a question whose type changed', () => {
		const backing = memoryStore();
		const first = open(backing, [single, truefalse]).session;
		first.send({ type: 'quiz.start' });
		first.send({ type: 'answer.change', response: { type: 'single', choice: 'boris' } });
		first.send({ type: 'answer.submit' });
		first.stop();
		const changed: Question = {
			...truefalse,
			id: 'who-called',
			promptHtml: 'Ana placed the first call.',
			answer: true
		};
		const { session, store } = open(backing, [changed, ordering]);
		const snapshot = session.getSnapshot();
		expect(snapshot.value).toBe('answering');
		expect(snapshot.context.round).toEqual(['who-called', 'call-order']);
		expect(currentQuestion(snapshot.context)?.type).toBe('truefalse');
		expect(snapshot.context.attempt.tries).toEqual([]);
		expect(snapshot.context.draft).toBeUndefined();
		expect(store.notices[0]?.message).toMatch(/1 question removed and 1 question added/);
	});

	it('sets aside a quiz saved by another version of the machine, keeping the history', () => {
		const backing = memoryStore();
		const first = open(backing, [single, truefalse]);
		first.session.send({ type: 'quiz.start' });
		first.session.send({ type: 'solution.show' });
		first.session.stop();
		const raw = JSON.parse(backing.getItem(progressKey('mini-module')) ?? '{}');
		raw.sessions['the-call'].machine = QUIZ_MACHINE_VERSION + 1;
		backing.setItem(progressKey('mini-module'), JSON.stringify(raw));
		const { session, store } = open(backing, [single, truefalse]);
		expect(session.getSnapshot().value).toBe('intro');
		expect(store.notices.map((notice) => notice.kind)).toEqual(['quizChanged']);
		expect(store.read().review['who-called']).toBeDefined();
		expect(backing.length).toBe(2);
	});

	it('sets aside a quiz xstate cannot resume', () => {
		const backing = memoryStore();
		const first = open(backing, [single]);
		first.session.send({ type: 'quiz.start' });
		first.session.stop();
		const raw = JSON.parse(backing.getItem(progressKey('mini-module')) ?? '{}');
		raw.sessions['the-call'].snapshot.value = 'a-state-that-no-longer-exists';
		backing.setItem(progressKey('mini-module'), JSON.stringify(raw));
		const { session, store } = open(backing, [single]);
		expect(session.getSnapshot().value).toBe('intro');
		expect(store.notices[0]?.message).toMatch(/could not be resumed/);
	});

	it('starts a fresh review when asked, and records review answers', () => {
		const backing = memoryStore();
		const lesson = open(backing, [single]).session;
		lesson.send({ type: 'quiz.start' });
		lesson.send({ type: 'solution.show' });
		lesson.stop();
		const review = () => open(backing, [single], { sessionKey: 'review', during: 'review', fresh: true });
		for (let round = 0; round < 2; round++) {
			const { session } = review();
			session.send({ type: 'quiz.start' });
			session.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
			session.send({ type: 'answer.submit' });
			session.stop();
		}
		const { store } = review();
		expect(store.read().review).toEqual({});
		expect(store.read().lessons).toEqual({});
	});
});
