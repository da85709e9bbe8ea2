/**
 * The teacher's view of an assignment: roster, question statistics, histogram, and the same
 * results as CSV. Callers have already checked the dashboard key.
 */
import type { DashboardView, QuestionStat, RosterRow } from '$lib/classroom/dashboard-view';
import { formatPercent } from '$lib/format-percent';
import type { AssignmentRecord, ClassroomRepository, SubmissionRecord } from '$lib/server/db';
import { assignedLessons, questionsPerStudent, teacherItems } from './assigned-lessons.ts';
import { assignmentState } from './assignments.ts';
import { sameNames } from './display-name.ts';
import { DASHBOARD_SLICE, yieldToEventLoop } from './event-loop.ts';
import { toCsv, type CsvColumn } from './csv.ts';
import { histogramLayout } from './histogram.ts';
import { studentProgress } from './progress.ts';
import { DISCRIMINATION_MINIMUM, questionStat, rosterRow, type StudentResult } from './statistics.ts';
import { variantFlags } from './variant-analysis.ts';

/**
 * Each student's progress over the questions they were given (their own variants, if assessed),
 * read and computed a slice of students at a time: with 1,000 students and 25,000 answers the
 * whole build holds the event loop for hundreds of milliseconds, and every hand-in waits behind it.
 */
async function studentResults(repository: ClassroomRepository, assignment: AssignmentRecord): Promise<StudentResult[]> {
	const students = await repository.listStudents(assignment.id);
	const results: StudentResult[] = [];
	for (let start = 0; start < students.length; start += DASHBOARD_SLICE) {
		const slice = students.slice(start, start + DASHBOARD_SLICE);
		const byStudent = new Map<string, SubmissionRecord[]>();
		for (const submission of await repository.listSubmissionsOfStudents(slice.map((student) => student.id))) {
			const tries = byStudent.get(submission.studentId);
			if (tries) tries.push(submission);
			else byStudent.set(submission.studentId, [submission]);
		}
		for (const student of slice) {
			const assigned = assignedLessons(assignment, student.id);
			results.push({ student, progress: studentProgress(assignment, assigned, byStudent.get(student.id) ?? []) });
		}
		await yieldToEventLoop();
	}
	return results;
}

/** The statistics of every question (each variant, if assessed), giving the event loop back every few questions. */
async function questionStats(
	assigned: ReturnType<typeof teacherItems>,
	results: readonly StudentResult[]
): Promise<QuestionStat[]> {
	const stats: QuestionStat[] = [];
	const perSlice = Math.max(1, Math.floor((DASHBOARD_SLICE * 10) / Math.max(1, results.length)));
	for (const [index, entry] of assigned.questions.entries()) {
		stats.push(questionStat(entry, results, assigned.module));
		if ((index + 1) % perSlice === 0) await yieldToEventLoop();
	}
	return stats;
}

function withSameNames(rows: RosterRow[]): RosterRow[] {
	const marks = sameNames(rows.map((row) => row.name));
	return rows.map((row, index) => ({ ...row, sameName: marks[index] ?? null }));
}

export async function dashboardView(
	repository: ClassroomRepository,
	assignment: AssignmentRecord,
	now: number
): Promise<DashboardView> {
	const assigned = teacherItems(assignment);
	const results = await studentResults(repository, assignment);
	const active = results.filter(({ progress }) => progress.answered > 0);
	const questions = await questionStats(assigned, results);
	const flags = variantFlags(
		questions.map((stat) => ({
			slotId: stat.variant?.slotId ?? stat.questionId,
			answered: stat.answered,
			correct: Math.round((stat.correctShare ?? 0) * stat.answered)
		}))
	);
	return {
		assignment: {
			id: assignment.id,
			title: assignment.title,
			joinCode: assignment.joinCode,
			moduleTitle: assigned.module?.title ?? assignment.moduleSlug,
			lessons: assigned.lessons.map((lesson) => ({
				slug: lesson.slug,
				title: lesson.title,
				questions: questionsPerStudent(assignment, lesson)
			})),
			dueAt: assignment.dueAt,
			passMark: assignment.passMark,
			tries: assignment.tries,
			reveal: assignment.reveal,
			mode: assignment.mode,
			releasedAt: assignment.releasedAt,
			createdAt: assignment.createdAt,
			state: assignmentState(assignment, now)
		},
		roster: withSameNames(results.map(rosterRow)),
		questions: questions.map((stat, index) =>
			stat.variant ? { ...stat, variant: { ...stat.variant, siblingShare: flags[index] ?? null } } : stat
		),
		histogram: histogramLayout(
			active.map(({ progress }) => progress.score),
			assignment.passMark
		),
		discriminationMinimum: DISCRIMINATION_MINIMUM
	};
}

function iso(ms: number): string {
	return new Date(ms).toISOString();
}

/** One row per student: the roster, then each question's score in percent (empty if unanswered). */
export async function resultsCsv(repository: ClassroomRepository, assignment: AssignmentRecord): Promise<string> {
	const { lessons, questions } = assignedLessons(assignment, null);
	const results = await studentResults(repository, assignment);
	// Every student has the same questions, or (assessed) one variant of the same slots, in order.
	const asked = results[0]?.progress.questions.map((entry) => entry.assigned) ?? questions;
	const percent = (fraction: number) => Math.round(fraction * 1000) / 10;
	const columns: CsvColumn<StudentResult>[] = [
		{ header: 'Name', value: ({ student }) => student.name },
		{ header: 'Lessons completed', value: ({ progress }) => progress.completedLessons.length },
		{ header: 'Lessons assigned', value: () => lessons.length },
		{ header: 'Questions answered', value: ({ progress }) => progress.answered },
		{ header: 'Questions assigned', value: () => asked.length },
		{ header: 'Score (%)', value: ({ progress }) => percent(progress.score) },
		{ header: `Passed (pass mark ${formatPercent(assignment.passMark)})`, value: ({ progress }) => progress.passed },
		{ header: 'Joined (UTC)', value: ({ student }) => iso(student.createdAt) },
		{ header: 'Last active (UTC)', value: ({ student }) => iso(student.lastActiveAt) },
		...asked.map((entry, index): CsvColumn<StudentResult> => ({
			header: `Q${entry.number} ${entry.slot?.id ?? entry.question.id} (%)`,
			value: ({ progress }) => {
				const question = progress.questions[index];
				return question?.last ? percent(question.score) : null;
			}
		}))
	];
	return toCsv(columns, results);
}

/** The CSV file name: the title's letters and digits, so no header can be forged through it. */
export function csvFileName(assignment: AssignmentRecord): string {
	const stem = assignment.title
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.toLowerCase();
	return `${stem || 'assignment'}-results.csv`;
}

export interface AnswerExportRow {
	studentId: string;
	name: string;
	lesson: string;
	question: string;
	try: number;
	score: number;
	correct: boolean;
	submittedAt: string;
}

/** Every stored try, oldest first: the raw data behind the dashboard, for the teacher's own analysis. */
export async function answersExport(
	repository: ClassroomRepository,
	assignment: AssignmentRecord
): Promise<AnswerExportRow[]> {
	const [students, submissions] = await Promise.all([
		repository.listStudents(assignment.id),
		repository.listAssignmentSubmissions(assignment.id)
	]);
	const names = new Map(students.map((student) => [student.id, student.name]));
	return submissions.map((submission) => ({
		studentId: submission.studentId,
		name: names.get(submission.studentId) ?? '',
		lesson: submission.lessonSlug,
		question: submission.questionId,
		try: submission.tryNumber,
		score: submission.score,
		correct: submission.correct,
		submittedAt: iso(submission.submittedAt)
	}));
}
