/**
 * A stored quiz in progress, checked against the quiz machine before xstate sees it. xstate trusts
 * a persisted snapshot: one without `children`, or in a state the machine lacks, fails inside the
 * actor and leaves the page waiting for a quiz that never opens. So every field is checked here:
 * xstate's own (`status`, `value`, `children`, `historyValue`) against what this machine can
 * produce, the context against its schema, and the context's figures against each other (the
 * position lies within the round, a feedback screen has the outcome it shows).
 */
import * as z from 'zod/mini';
import type { SnapshotFrom } from 'xstate';
import { count, describeProblem, id, share } from './progress/progress-schema.ts';
import { quizMachine } from './quiz-machine.ts';
import type { QuizContext } from './quiz-rules.ts';
import { responseSchema } from './response-schema.ts';

/** Bump when the machine's states or context change shape: older snapshots are then set aside. */
export const QUIZ_MACHINE_VERSION = 1;

export type QuizState = SnapshotFrom<typeof quizMachine>['value'];

/** The machine's own list of its states: the one place they are known. */
export function isQuizState(value: unknown): value is QuizState {
	return typeof value === 'string' && Object.hasOwn(quizMachine.states, value);
}

const parts = z.optional(z.record(id, z.boolean()));

const tryRecord = z.object({ response: responseSchema, score: share, correct: z.boolean(), parts });

export const outcomeSchema = z.object({
	score: share,
	correct: z.boolean(),
	tries: count,
	hintShown: z.boolean(),
	revealed: z.boolean(),
	// Absent from quizzes saved before mastery needed it: read as not shown.
	answerShownBefore: z._default(z.boolean(), false),
	response: z.optional(responseSchema),
	parts
});

/**
 * The machine's context as stored: without the questions, which come from the lesson as it is now
 * (a `questions` field in an older save is ignored).
 */
const storedContextSchema = z.object({
	passMark: share,
	tries: z.int().check(z.minimum(1)),
	actorIds: z.optional(z.array(id)),
	round: z.array(id),
	roundKind: z.enum(['all', 'missed']),
	position: count,
	draft: z.optional(responseSchema),
	notice: z.optional(z.string()),
	attempt: z.object({ tries: z.array(tryRecord), hintShown: z.boolean() }),
	outcomes: z.record(id, outcomeSchema)
});

/** This machine has no child actors and no history states: both are empty in any snapshot of it. */
const empty = z.record(z.string(), z.never());

const storedSessionSchema = z.object({
	machine: z.literal(QUIZ_MACHINE_VERSION),
	snapshot: z.object({
		status: z.literal('active'),
		value: z.custom<QuizState>(isQuizState, 'expected a state of the quiz'),
		context: storedContextSchema,
		children: empty,
		historyValue: empty
	})
});

export type StoredContext = Omit<QuizContext, 'questions'>;

export interface StoredQuiz {
	value: QuizState;
	context: StoredContext;
}

/** What the figures must satisfy together, beyond each field's own type and range. */
function inconsistency({ value, context }: StoredQuiz): string | undefined {
	const { round, position } = context;
	if (new Set(round).size !== round.length) return 'a question appears twice in the round';
	if (value === 'intro') return round.length === 0 ? undefined : 'the quiz has not started but has a round';
	if (position >= round.length) return `question ${position + 1} is beyond the round of ${round.length}`;
	if (value === 'feedback' && !context.outcomes[round[position] ?? '']) return 'feedback without an outcome';
	return undefined;
}

export type Checked = { ok: true; quiz: StoredQuiz } | { ok: false; reason: string };

/** Checks a stored session fully; never throws, whatever it is given. */
export function checkStoredSession(stored: unknown): Checked {
	const parsed = storedSessionSchema.safeParse(stored);
	if (!parsed.success) return { ok: false, reason: describeProblem(parsed.error, stored) };
	const { value, context } = parsed.data.snapshot;
	const quiz: StoredQuiz = { value, context };
	const problem = inconsistency(quiz);
	return problem ? { ok: false, reason: problem } : { ok: true, quiz };
}
