/**
 * Item statistics for the dashboard, from each student's progress.
 *
 * Discrimination: the upper–lower index (Kelley's 27% groups). Students who answered the
 * question are ranked by their assignment score; the top 27% and the bottom 27% (rounded, at
 * least one student each) form the upper and lower groups, and the index is the mean question
 * score of the upper group minus that of the lower group. It runs from −1 to 1: 0.4 and above
 * separates strong from weak students well, 0.2 to 0.4 fairly, below 0.2 poorly, and a negative
 * value means weaker students did better than stronger ones (worth checking the question and its
 * key). Ties at a group's edge are broken by join order. With fewer than
 * `DISCRIMINATION_MINIMUM` students the groups are too small to say anything, and it is `null`.
 */
import type { QuestionStat, RosterRow } from '$lib/classroom/dashboard-view';
import type { Module } from '$lib/model/course';
import type { StudentRecord } from '$lib/server/db';
import type { AssignedQuestion } from './assigned-lessons.ts';
import { describeResponse } from './describe.ts';
import type { StudentProgress } from './progress.ts';

export const DISCRIMINATION_MINIMUM = 5;
export const GROUP_SHARE = 0.27;

export interface ScoredItem {
	/** The student's assignment score, 0 to 1. */
	total: number;
	/** The student's score on the question, 0 to 1. */
	item: number;
}

export function discriminationIndex(students: readonly ScoredItem[]): number | null {
	if (students.length < DISCRIMINATION_MINIMUM) return null;
	// Array#sort is stable: equal totals keep their (join) order.
	const ranked = [...students].sort((a, b) => b.total - a.total);
	const size = Math.max(1, Math.round(ranked.length * GROUP_SHARE));
	const mean = (group: readonly ScoredItem[]) => group.reduce((sum, entry) => sum + entry.item, 0) / group.length;
	const index = mean(ranked.slice(0, size)) - mean(ranked.slice(-size));
	return Math.round(index * 100) / 100;
}

export interface StudentResult {
	student: StudentRecord;
	progress: StudentProgress;
}

export function rosterRow({ student, progress }: StudentResult): RosterRow {
	return {
		studentId: student.id,
		name: student.name,
		lessonsCompleted: progress.completedLessons.length,
		answered: progress.answered,
		score: progress.score,
		passed: progress.passed,
		joinedAt: student.createdAt,
		lastActiveAt: student.lastActiveAt,
		sameName: null
	};
}

function mostCommon(texts: readonly string[]): { text: string; count: number } | null {
	const counts = new Map<string, number>();
	for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
	let best: { text: string; count: number } | null = null;
	// First seen wins a tie, so the figure does not flicker between page loads.
	for (const [text, count] of counts) if (!best || count > best.count) best = { text, count };
	return best;
}

/** "A" for a slot's first variant, "B" for its second… */
export function variantLabel(index: number): string {
	return String.fromCharCode(65 + index);
}

export function questionStat(
	assigned: AssignedQuestion,
	results: readonly StudentResult[],
	module?: Module
): QuestionStat {
	const answers = results.flatMap(({ progress }) => {
		// Progress lists the questions in assignment order, so the number finds it without a search
		// (a search per student per question made a big class's dashboard quadratic).
		const atNumber = progress.questions[assigned.number - 1];
		const entry =
			atNumber?.assigned.question.id === assigned.question.id
				? atNumber
				: progress.questions.find((candidate) => candidate.assigned.question.id === assigned.question.id);
		return entry?.last ? [{ last: entry.last, total: progress.score }] : [];
	});
	const correct = answers.filter(({ last }) => last.correct).length;
	const wrong = answers
		.filter(({ last }) => !last.correct)
		.map(({ last }) => describeResponse(assigned.question, last.response, module));
	return {
		questionId: assigned.question.id,
		number: assigned.number,
		lessonSlug: assigned.lesson.slug,
		lessonTitle: assigned.lesson.title,
		promptHtml: assigned.question.promptHtml,
		answered: answers.length,
		correctShare: answers.length === 0 ? null : correct / answers.length,
		commonWrong: mostCommon(wrong),
		discrimination: discriminationIndex(answers.map(({ last, total }) => ({ total, item: last.score }))),
		variant: assigned.slot
			? { slotId: assigned.slot.id, label: variantLabel(assigned.slot.variant), siblingShare: null }
			: null
	};
}
