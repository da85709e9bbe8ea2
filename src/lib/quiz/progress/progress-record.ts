/**
 * The learner's progress in one module, as stored in the browser (one versioned record per
 * module), and the pure functions that update it. No xstate, no zod: the lesson page reads it to
 * offer "Resume" without loading the quiz.
 *
 * Mastery and review, documented for learners:
 * - A lesson is mastered once a quiz round ends at or above its pass mark counting only answers
 *   given before the right answer was shown (see quiz-rules.ts); it stays mastered. The best
 *   score counts the same way, so "mastered" and "best score" always agree.
 * - A question missed in a lesson's quiz (not fully right in the end) joins the module's review
 *   queue. In a review, a question counts as right when it is fully right at the first try; right
 *   twice in a row, it leaves the queue. A miss in review, or in its lesson again, starts the count
 *   over.
 */
import type { Outcome, QuizSummary } from '../quiz-rules.ts';

export const PROGRESS_VERSION = 1;
/** Where the review session is kept among the lessons' (`review` can never be a lesson slug). */
export const REVIEW_SESSION = 'review';
/** Right this many times in a row in review, a question leaves the queue. */
export const REVIEW_STREAK_TO_CLEAR = 2;
/** Older attempts are dropped beyond this many per lesson; best score and mastery are kept. */
export const ATTEMPTS_KEPT = 50;

export interface AttemptRecord {
	at: string;
	score: number;
	passed: boolean;
	round: 'all' | 'missed';
}

export interface LessonProgress {
	attempts: AttemptRecord[];
	best: number;
	mastered: boolean;
}

export interface ReviewItem {
	lesson: string;
	addedAt: string;
	/** Right answers in a row in review. */
	streak: number;
}

export interface ProgressRecord {
	version: typeof PROGRESS_VERSION;
	module: string;
	/** Shuffles this learner's options (see shuffle.ts): kept so a reload shows the same order. */
	seed: number;
	updatedAt: string;
	lessons: Record<string, LessonProgress>;
	/** Question id → its place in the review queue. */
	review: Record<string, ReviewItem>;
	/**
	 * Lesson slug (or `review`) → the quiz in progress there, as the quiz stored it. Unchecked here
	 * (see progress-peek.ts to glance at one); the quiz validates it when it resumes it.
	 */
	sessions: Record<string, unknown>;
}

export function emptyProgress(module: string, seed: number, now: Date): ProgressRecord {
	return {
		version: PROGRESS_VERSION,
		module,
		seed,
		updatedAt: now.toISOString(),
		lessons: {},
		review: {},
		sessions: {}
	};
}

function touched(record: ProgressRecord, now: Date): ProgressRecord {
	return { ...record, updatedAt: now.toISOString() };
}

export interface Settled {
	questionId: string;
	lesson: string;
	outcome: Outcome;
	/** Answered in the lesson's quiz, or in a review of missed questions. */
	during: 'lesson' | 'review';
}

/** Whether a review answer counts toward leaving the queue. */
export function rightInReview(outcome: Outcome): boolean {
	return outcome.correct && outcome.tries <= 1 && !outcome.revealed;
}

export function recordSettled(record: ProgressRecord, settled: Settled, now: Date): ProgressRecord {
	const { questionId, lesson, outcome, during } = settled;
	const review = { ...record.review };
	const queued = review[questionId];
	if (during === 'lesson') {
		if (outcome.correct) return record;
		review[questionId] = { lesson, addedAt: queued?.addedAt ?? now.toISOString(), streak: 0 };
	} else {
		if (!queued) return record;
		const streak = rightInReview(outcome) ? queued.streak + 1 : 0;
		if (streak >= REVIEW_STREAK_TO_CLEAR) delete review[questionId];
		else review[questionId] = { ...queued, streak };
	}
	return touched({ ...record, review }, now);
}

export function recordRound(
	record: ProgressRecord,
	lesson: string,
	summary: QuizSummary,
	round: AttemptRecord['round'],
	now: Date
): ProgressRecord {
	const previous = record.lessons[lesson] ?? { attempts: [], best: 0, mastered: false };
	const attempt: AttemptRecord = { at: now.toISOString(), score: summary.score, passed: summary.passed, round };
	const progress: LessonProgress = {
		attempts: [...previous.attempts, attempt].slice(-ATTEMPTS_KEPT),
		best: Math.max(previous.best, summary.earnedScore),
		mastered: previous.mastered || summary.mastered
	};
	return touched({ ...record, lessons: { ...record.lessons, [lesson]: progress } }, now);
}

export function withSession(
	record: ProgressRecord,
	key: string,
	session: object | undefined,
	now: Date
): ProgressRecord {
	const sessions = { ...record.sessions };
	if (session) sessions[key] = session;
	else delete sessions[key];
	return touched({ ...record, sessions }, now);
}

/**
 * Drops queued questions that no longer exist (a lesson was edited), among those of `lessons`
 * (the lessons whose questions are all in `known`).
 */
export function pruneReview(
	record: ProgressRecord,
	lessons: readonly string[],
	known: ReadonlySet<string>,
	now: Date
): ProgressRecord {
	const kept = Object.entries(record.review).filter(
		([questionId, item]) => !lessons.includes(item.lesson) || known.has(questionId)
	);
	if (kept.length === Object.keys(record.review).length) return record;
	return touched({ ...record, review: Object.fromEntries(kept) }, now);
}

/** The review queue in the order questions joined it. */
export function reviewQueue(record: ProgressRecord): (ReviewItem & { questionId: string })[] {
	return Object.entries(record.review)
		.map(([questionId, item]) => ({ questionId, ...item }))
		.sort((a, b) => a.addedAt.localeCompare(b.addedAt) || a.questionId.localeCompare(b.questionId));
}
