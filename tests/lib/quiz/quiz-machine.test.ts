import { createTestModel } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { createActor, type Actor } from 'xstate';
import { quizMachine, type QuizEmitted, type QuizEvent, type QuizInput } from '$lib/quiz/quiz-machine';
import { reachesPassMark } from '$lib/pass-mark';
import { currentQuestion, summarize } from '$lib/quiz/quiz-rules';
import { multiple, ordering, single, truefalse } from '../../fixtures/quiz/questions';
import { answers, modelInput, selfCheckEvents, serializeQuizState, type QuizSnapshot } from './quiz-model';

/** Runs the machine for real beside the model, and checks what must hold in every snapshot. */
class Runner {
	readonly actor: Actor<typeof quizMachine>;
	readonly emitted: QuizEmitted[] = [];
	/** Collected here and checked after each event: a listener's exception would not reach the test. */
	readonly problems: string[] = [];
	private settledThisRound = new Set<string>();
	private resultsEntered = 0;

	constructor(input: QuizInput) {
		this.actor = createActor(quizMachine, { input });
		this.actor.on('*', (event) => {
			this.emitted.push(event);
			if (event.type === 'question.settled') {
				// Never double-counted: a question settles at most once per round.
				if (this.settledThisRound.has(event.questionId))
					this.problems.push(`${event.questionId} settled twice in one round`);
				this.settledThisRound.add(event.questionId);
			}
		});
		this.actor.start();
	}

	send(event: QuizEvent): void {
		const before = this.actor.getSnapshot();
		this.actor.send(event);
		const after = this.actor.getSnapshot();
		expect(this.problems).toEqual([]);
		if (after.context.round !== before.context.round) this.settledThisRound = new Set();
		if (after.matches('results') && !before.matches('results')) this.resultsEntered++;
		expect(this.emitted.filter((emitted) => emitted.type === 'round.finished')).toHaveLength(this.resultsEntered);
	}

	get snapshot(): QuizSnapshot {
		return this.actor.getSnapshot();
	}
}

function checkInvariants(snapshot: QuizSnapshot): void {
	const { context } = snapshot;
	expect(context.attempt.tries.length).toBeLessThanOrEqual(context.tries);
	for (const outcome of Object.values(context.outcomes)) {
		expect(outcome.tries).toBeLessThanOrEqual(context.tries);
		expect(outcome.score).toBeGreaterThanOrEqual(0);
		expect(outcome.score).toBeLessThanOrEqual(1);
		if (outcome.revealed) expect(outcome.score).toBe(0);
	}
	if (!snapshot.matches('intro')) expect(currentQuestion(context)).toBeDefined();
}

const stateChecks = {
	intro: (snapshot: QuizSnapshot) => {
		expect(snapshot.context.round).toEqual([]);
		expect(snapshot.context.outcomes).toEqual({});
	},
	answering: (snapshot: QuizSnapshot) => {
		// A try that was right would have settled the question: every try still on the table was wrong.
		expect(snapshot.context.attempt.tries.every((entry) => !entry.correct)).toBe(true);
		expect(snapshot.context.attempt.tries.length).toBeLessThan(snapshot.context.tries);
		if (snapshot.context.attempt.hintShown) expect(snapshot.context.attempt.tries.length).toBeGreaterThan(0);
	},
	feedback: (snapshot: QuizSnapshot) => {
		const id = snapshot.context.round[snapshot.context.position] ?? '';
		const outcome = snapshot.context.outcomes[id];
		expect(outcome).toBeDefined();
		expect(outcome?.correct || outcome?.revealed || outcome?.tries === snapshot.context.tries).toBe(true);
	},
	results: (snapshot: QuizSnapshot) => {
		const summary = summarize(snapshot.context);
		expect(Object.keys(snapshot.context.outcomes).sort()).toEqual(
			snapshot.context.questions.map((question) => question.id).sort()
		);
		expect(summary.total).toBe(snapshot.context.questions.length);
		expect(summary.passed).toBe(reachesPassMark(summary.score, snapshot.context.passMark));
		// Mastery never exceeds the score, and a round started afresh owes nothing to shown answers.
		expect(summary.earnedScore).toBeLessThanOrEqual(summary.score);
		if (summary.mastered) expect(summary.passed).toBe(true);
		if (snapshot.context.roundKind === 'all') expect(summary.earnedScore).toBe(summary.score);
		else
			expect(summary.shownBefore).toEqual(
				snapshot.context.round.filter((id) => snapshot.context.outcomes[id]?.correct)
			);
	}
};

/** Simple paths end at the first results screen: what follows it (a retry, a restart) is another path. */
const inResults = (snapshot: QuizSnapshot) => snapshot.matches('results');

async function walk(
	paths: ReturnType<ReturnType<typeof createTestModel<typeof quizMachine>>['getShortestPaths']>,
	input: QuizInput
): Promise<void> {
	for (const path of paths) {
		const runner = new Runner(input);
		await path.test({
			states: Object.fromEntries(
				Object.entries(stateChecks).map(([state, check]) => [
					state,
					(expected: QuizSnapshot) => {
						// The real actor is where the model says it is (as far as the model tells states apart).
						expect(serializeQuizState(runner.snapshot)).toBe(serializeQuizState(expected));
						checkInvariants(runner.snapshot);
						check(runner.snapshot);
					}
				])
			),
			events: Object.fromEntries(
				(
					[
						'quiz.start',
						'answer.change',
						'answer.submit',
						'hint.show',
						'solution.show',
						'feedback.next',
						'quiz.retryMissed',
						'quiz.restart'
					] as const
				).map((type) => [type, ({ event }: { event: QuizEvent }) => runner.send(event)])
			)
		});
	}
}

describe('the quiz machine as a model (self-check)', () => {
	const model = createTestModel(quizMachine, {
		input: modelInput,
		events: selfCheckEvents,
		serializeState: serializeQuizState
	});

	it('reaches every state by a shortest path, and every snapshot on the way is sound', async () => {
		// One path per distinct snapshot (see serializeQuizState), including those on the way to others.
		// 172, unchanged by removing graded mode (issue 12.2): self-check never entered `grading`,
		// so none of these paths went through it. The graded model's 44 shortest and 16 simple
		// paths went with the mode.
		const paths = model.getShortestPaths({ allowDuplicatePaths: true });
		expect(paths).toHaveLength(172);
		const reached = new Set(paths.map((path) => JSON.stringify(path.state.value)));
		expect([...reached].sort()).toEqual(['"answering"', '"feedback"', '"intro"', '"results"']);
		await walk(paths, modelInput);
	});

	it('reaches the results by every simple path, counting each question once', async () => {
		// Simple paths grow exponentially with the questions: one question (with a hint) has them all.
		const input: QuizInput = { ...modelInput, questions: [single] };
		const oneQuestion = createTestModel(quizMachine, {
			input,
			events: selfCheckEvents,
			serializeState: serializeQuizState
		});
		const paths = oneQuestion.getSimplePaths({ toState: inResults, stopWhen: inResults });
		expect(paths).toHaveLength(122);
		for (const path of paths) expect(path.state.matches('results')).toBe(true);
		await walk(paths, input);
	});
});

function started(input: QuizInput): Runner {
	const runner = new Runner(input);
	runner.send({ type: 'quiz.start' });
	return runner;
}

describe('self-check, step by step', () => {
	it('gives a second try and a hint after a wrong answer, then feedback and results', () => {
		const runner = started(modelInput);
		expect(runner.snapshot.matches('answering')).toBe(true);
		runner.send({ type: 'hint.show' });
		expect(runner.snapshot.context.attempt.hintShown).toBe(false);
		runner.send({ type: 'answer.change', response: answers['who-called']!.wrong });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.matches('answering')).toBe(true);
		expect(runner.snapshot.context.attempt.tries).toHaveLength(1);
		runner.send({ type: 'hint.show' });
		expect(runner.snapshot.context.attempt.hintShown).toBe(true);
		runner.send({ type: 'answer.change', response: answers['who-called']!.right });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.matches('feedback')).toBe(true);
		expect(runner.snapshot.context.outcomes['who-called']).toMatchObject({
			score: 1,
			correct: true,
			tries: 2,
			hintShown: true,
			revealed: false
		});
		runner.send({ type: 'feedback.next' });
		runner.send({ type: 'answer.change', response: answers['call-verified']!.wrong });
		runner.send({ type: 'answer.submit' });
		// Choosing the same answer again is no new try, however it was chosen.
		runner.send({ type: 'answer.change', response: { type: 'truefalse', value: false } });
		runner.send({ type: 'answer.change', response: { type: 'truefalse', value: true } });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.attempt.tries).toHaveLength(1);
		expect(runner.snapshot.context.notice).toBe('change your answer before trying again');
		runner.send({ type: 'solution.show' });
		expect(runner.snapshot.matches('feedback')).toBe(true);
		expect(runner.snapshot.context.outcomes['call-verified']).toMatchObject({
			score: 0,
			correct: false,
			tries: 1,
			revealed: true
		});
		runner.send({ type: 'feedback.next' });
		expect(runner.snapshot.matches('results')).toBe(true);
		expect(summarize(runner.snapshot.context)).toMatchObject({
			points: 1,
			total: 2,
			score: 0.5,
			passed: false,
			missed: ['call-verified']
		});
		expect(runner.emitted.map((event) => event.type)).toEqual([
			'question.settled',
			'question.settled',
			'round.finished'
		]);
	});

	it('ignores a double submit: the same wrong answer again is not a second try', () => {
		const runner = started(modelInput);
		runner.send({ type: 'answer.change', response: answers['who-called']!.wrong });
		runner.send({ type: 'answer.submit' });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.attempt.tries).toHaveLength(1);
		expect(runner.snapshot.context.notice).toBe('change your answer before trying again');
		runner.send({ type: 'answer.change', response: answers['who-called']!.right });
		expect(runner.snapshot.context.notice).toBeUndefined();
		runner.send({ type: 'answer.submit' });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.matches('feedback')).toBe(true);
		expect(runner.emitted.filter((event) => event.type === 'question.settled')).toHaveLength(1);
	});

	it('says what is missing and counts nothing when there is no answer or it is invalid', () => {
		const runner = started({ ...modelInput, questions: [multiple, ordering] });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.notice).toBe('choose at least one option');
		runner.send({ type: 'answer.change', response: { type: 'multiple', choices: [] } });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.notice).toBe('choose at least one option');
		expect(runner.snapshot.context.attempt.tries).toHaveLength(0);
		runner.send({ type: 'answer.change', response: { type: 'truefalse', value: true } });
		expect(runner.snapshot.context.draft).toEqual({ type: 'multiple', choices: [] });
	});

	it('starts an ordering question with the order shown, which is an answer already', () => {
		const runner = started({ ...modelInput, questions: [ordering] });
		expect(runner.snapshot.context.draft).toEqual({ type: 'ordering', order: ['report', 'second-call', 'first-call'] });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.attempt.tries).toEqual([
			{
				response: { type: 'ordering', order: ['report', 'second-call', 'first-call'] },
				score: 0,
				correct: false,
				parts: { report: false, 'second-call': true, 'first-call': false }
			}
		]);
	});

	it('shows the solution for no points, and retries only the missed questions', () => {
		const runner = started(modelInput);
		runner.send({ type: 'solution.show' });
		expect(runner.snapshot.context.outcomes['who-called']).toMatchObject({ score: 0, revealed: true, tries: 0 });
		runner.send({ type: 'feedback.next' });
		runner.send({ type: 'answer.change', response: answers['call-verified']!.right });
		runner.send({ type: 'answer.submit' });
		runner.send({ type: 'feedback.next' });
		expect(summarize(runner.snapshot.context).missed).toEqual(['who-called']);
		runner.send({ type: 'quiz.retryMissed' });
		expect(runner.snapshot.context.round).toEqual(['who-called']);
		expect(runner.snapshot.context.roundKind).toBe('missed');
		runner.send({ type: 'answer.change', response: answers['who-called']!.right });
		runner.send({ type: 'answer.submit' });
		runner.send({ type: 'feedback.next' });
		// Right for the round, but only after its solution was shown: missed for mastery (issue 13).
		expect(summarize(runner.snapshot.context)).toMatchObject({
			score: 1,
			passed: true,
			missed: [],
			earnedScore: 0.5,
			mastered: false,
			shownBefore: ['who-called']
		});
		runner.send({ type: 'quiz.retryMissed' });
		expect(runner.snapshot.matches('results')).toBe(true);
		runner.send({ type: 'quiz.restart' });
		expect(runner.snapshot.context.outcomes).toEqual({});
		expect(runner.snapshot.context.round).toEqual(['who-called', 'call-verified']);
		// A later round started afresh, without the solution: now it counts.
		for (const id of ['who-called', 'call-verified']) {
			runner.send({ type: 'answer.change', response: answers[id]!.right });
			runner.send({ type: 'answer.submit' });
			runner.send({ type: 'feedback.next' });
		}
		expect(summarize(runner.snapshot.context)).toMatchObject({ score: 1, earnedScore: 1, mastered: true });
	});

	it('counts a miss whose right answer the feedback showed as shown, like an asked-for solution', () => {
		const runner = started({ ...modelInput, questions: [single] });
		for (const response of [answers['who-called']!.wrong, { type: 'single', choice: 'nobody' } as const]) {
			runner.send({ type: 'answer.change', response });
			runner.send({ type: 'answer.submit' });
		}
		expect(runner.snapshot.context.outcomes['who-called']).toMatchObject({ correct: false, answerShownBefore: false });
		runner.send({ type: 'feedback.next' });
		runner.send({ type: 'quiz.retryMissed' });
		runner.send({ type: 'answer.change', response: answers['who-called']!.right });
		runner.send({ type: 'answer.submit' });
		expect(runner.snapshot.context.outcomes['who-called']).toMatchObject({ correct: true, answerShownBefore: true });
		runner.send({ type: 'feedback.next' });
		expect(runner.emitted.at(-1)).toMatchObject({
			type: 'round.finished',
			summary: { score: 1, passed: true, mastered: false }
		});
	});
});

describe('persisted snapshots', () => {
	it('resume in the same state with the same context after a JSON round trip', () => {
		const runner = started(modelInput);
		runner.send({ type: 'answer.change', response: answers['who-called']!.wrong });
		runner.send({ type: 'answer.submit' });
		const stored = JSON.parse(JSON.stringify(runner.actor.getPersistedSnapshot())) as Parameters<
			typeof createActor
		>[1] extends infer O
			? O extends { snapshot?: infer S }
				? S
				: never
			: never;
		const resumed = createActor(quizMachine, { snapshot: stored, input: modelInput }).start();
		expect(resumed.getSnapshot().value).toBe('answering');
		expect(resumed.getSnapshot().context).toEqual(runner.snapshot.context);
		resumed.send({ type: 'answer.change', response: answers['who-called']!.right });
		resumed.send({ type: 'answer.submit' });
		expect(resumed.getSnapshot().context.outcomes['who-called']).toMatchObject({ correct: true, tries: 2 });
	});

	it('the machine is free of invoke and after, so it can be walked as a model', () => {
		expect(() => createTestModel(quizMachine)).not.toThrow();
		expect(truefalse.type).toBe('truefalse');
	});
});
