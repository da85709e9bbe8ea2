/**
 * A damaged save never hangs the quiz (issue 17.1, 17.2): whatever is wrong with a stored quiz,
 * opening it either resumes a sound quiz or starts fresh with a notice, and the other lessons'
 * quizzes are kept. Damage is generated: every field of real snapshots dropped, nulled or retyped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { memoryStore, type KeyValueStore } from '$lib/quiz/progress/key-value-store';
import { ProgressStore, progressKey } from '$lib/quiz/progress/progress-store';
import { currentQuestion } from '$lib/quiz/quiz-rules';
import { QuizSession } from '$lib/quiz/quiz-session';
import { isQuizState } from '$lib/quiz/session-schema';
import { multiple, single, truefalse } from '../../fixtures/quiz/questions';

const clock = { now: () => new Date('2025-12-01T10:00:00Z'), random: () => 0.25 };
const questions: Question[] = [single, multiple, truefalse];
const KEY = progressKey('mini-module');

function open(backing: KeyValueStore, sessionKey = 'the-call') {
	const store = new ProgressStore({ store: backing, persistent: true }, 'mini-module', clock);
	const session = QuizSession.open({
		store,
		sessionKey,
		during: 'lesson',
		questions,
		lessonOf: () => sessionKey,
		passMark: 0.8,
		tries: 2,
		now: clock.now
	});
	return { store, session };
}

type Step = (session: QuizSession) => void;
const answerWrong: Step = (session) => {
	session.send({ type: 'answer.change', response: { type: 'single', choice: 'boris' } });
	session.send({ type: 'answer.submit' });
};

/** Real saves, in each state a learner can leave a quiz in. */
const journeys: Record<string, Step[]> = {
	answeringAfterATry: [(s) => s.send({ type: 'quiz.start' }), answerWrong, (s) => s.send({ type: 'hint.show' })],
	feedback: [(s) => s.send({ type: 'quiz.start' }), (s) => s.send({ type: 'solution.show' })],
	results: [
		(s) => s.send({ type: 'quiz.start' }),
		...[0, 1, 2].flatMap((): Step[] => [
			(s) => s.send({ type: 'solution.show' }),
			(s) => s.send({ type: 'feedback.next' })
		])
	]
};

/** The stored record after a journey, with a second lesson's quiz in progress beside it. */
function savedRecord(journey: Step[]): Record<string, unknown> {
	const backing = memoryStore();
	const other = open(backing, 'other-lesson').session;
	other.send({ type: 'quiz.start' });
	other.stop();
	const { session } = open(backing);
	for (const step of journey) step(session);
	session.stop();
	return JSON.parse(backing.getItem(KEY) ?? '{}') as Record<string, unknown>;
}

type Path = (string | number)[];

function pathsOf(value: unknown, path: Path = []): Path[] {
	if (value === null || typeof value !== 'object') return [path];
	const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
	return [path, ...entries.flatMap(([key, item]) => pathsOf(item, [...path, key]))];
}

type Damage = { kind: 'drop' } | { kind: 'set'; to: unknown };

function damaged(root: unknown, path: Path, damage: Damage): unknown {
	const copy: unknown = structuredClone(root);
	if (path.length === 0) return damage.kind === 'drop' ? undefined : damage.to;
	const parent = path
		.slice(0, -1)
		.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], copy);
	const key = path.at(-1) as string | number;
	const holder = parent as Record<string | number, unknown>;
	if (damage.kind === 'set') holder[key] = damage.to;
	else if (Array.isArray(parent)) parent.splice(key as number, 1);
	else delete holder[key];
	return copy;
}

/** Something of another type than what is there, or an out-of-range figure. */
const replacement = fc.oneof(
	fc.constant(null),
	fc.constant('999'),
	fc.constant(true),
	fc.constant([]),
	fc.constant({}),
	fc.constantFrom(-1, 1.5, 5, 999, Number.MAX_SAFE_INTEGER)
);
const damage: fc.Arbitrary<Damage> = fc.oneof(
	fc.constant<Damage>({ kind: 'drop' }),
	replacement.map((to): Damage => ({ kind: 'set', to }))
);

function checkOpens(record: Record<string, unknown>, stored: unknown): void {
	const backing = memoryStore();
	const sessions = { ...(record.sessions as Record<string, unknown>) };
	if (stored === undefined) delete sessions['the-call'];
	else sessions['the-call'] = stored;
	backing.setItem(KEY, JSON.stringify({ ...record, sessions }));

	const { session, store } = open(backing);
	const snapshot = session.getSnapshot();
	expect(snapshot.status).toBe('active');
	expect(isQuizState(snapshot.value)).toBe(true);
	if (!snapshot.matches('intro')) expect(currentQuestion(snapshot.context)).toBeDefined();
	const reset = store.notices.filter((notice) => notice.message.includes('could not be resumed'));
	if (reset.length > 0) {
		// Started fresh, said so, and kept the other lesson's quiz.
		expect(snapshot.value).toBe('intro');
		expect(store.read().sessions['other-lesson']).toBeDefined();
	}
	// Usable either way: the learner can go on.
	expect(() => {
		session.send({ type: 'quiz.start' });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'solution.show' });
		session.send({ type: 'feedback.next' });
	}).not.toThrow();
	session.stop();
}

describe('a damaged saved quiz', () => {
	for (const [name, journey] of Object.entries(journeys)) {
		it(`always resumes soundly or starts fresh with a notice (${name})`, () => {
			const record = savedRecord(journey);
			const stored = (record.sessions as Record<string, unknown>)['the-call'];
			const paths = pathsOf(stored);
			expect(paths.length).toBeGreaterThan(20);
			fc.assert(
				fc.property(fc.constantFrom(...paths), damage, (path, harm) => {
					checkOpens(record, damaged(stored, path, harm));
				}),
				{ numRuns: 150 }
			);
		});
	}

	it('starts fresh, with a notice, when the snapshot lacks xstate children (the hang of issue 17.1)', () => {
		const record = savedRecord(journeys.feedback ?? []);
		const stored = (record.sessions as Record<string, unknown>)['the-call'];
		for (const harm of [{ kind: 'drop' }, { kind: 'set', to: null }] satisfies Damage[]) {
			const backing = memoryStore();
			const broken = damaged(stored, ['snapshot', 'children'], harm);
			backing.setItem(
				KEY,
				JSON.stringify({ ...record, sessions: { ...(record.sessions as object), 'the-call': broken } })
			);
			const { session, store } = open(backing);
			expect(session.getSnapshot().value).toBe('intro');
			expect(store.notices.map((notice) => notice.message)).toEqual([
				expect.stringMatching(/^Your quiz in progress here could not be resumed \(snapshot\.children: /)
			]);
			// Copied aside whole, replaced by the fresh quiz: the next visit opens it without a notice.
			expect(backing.length).toBe(2);
			expect(store.read().sessions['the-call']).not.toEqual(broken);
			expect(store.read().sessions['other-lesson']).toBeDefined();
			session.stop();
			expect(open(backing).store.notices).toEqual([]);
		}
	});

	it('refuses figures out of range rather than jumping to the results', () => {
		const record = savedRecord(journeys.answeringAfterATry ?? []);
		const stored = (record.sessions as Record<string, unknown>)['the-call'];
		const backing = memoryStore();
		const far = damaged(stored, ['snapshot', 'context', 'position'], { kind: 'set', to: 999 });
		backing.setItem(KEY, JSON.stringify({ ...record, sessions: { ...(record.sessions as object), 'the-call': far } }));
		const { session, store } = open(backing);
		expect(session.getSnapshot().value).toBe('intro');
		expect(store.notices[0]?.message).toContain('question 1000 is beyond the round of 3');
	});
});
