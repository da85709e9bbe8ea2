/**
 * Builds a student's pages from their own tries. This is where the answer key is held back:
 * questions leave as `publicQuestion`s in the student's own order, and right/wrong, part marks,
 * the key and the explanation are added only when the reveal setting allows it.
 */
import type {
	AssignmentSummary,
	LessonProgress,
	StudentLessonView,
	StudentOverview,
	StudentQuestionView
} from '$lib/classroom/student-page-data';
import type { Module } from '$lib/model/course';
import { grade } from '$lib/quiz/grade';
import { publicQuestion } from '$lib/quiz/public-question';
import { hashString, presentQuestion } from '$lib/quiz/shuffle';
import type { AssignmentRecord, ClassroomRepository } from '$lib/server/db';
import { actorIds, assignedLessons } from './assigned-lessons.ts';
import { answersRevealed, assignmentState, keysReleased } from './assignments.ts';
import { formatResumeCode } from './codes.ts';
import { describeAnswer, describeResponse } from './describe.ts';
import { studentProgress, type QuestionProgress, type StudentProgress } from './progress.ts';
import { LMS_SIGN_IN, type SignedInStudent } from './students.ts';

function summary(assignment: AssignmentRecord, now: number): AssignmentSummary {
	return {
		id: assignment.id,
		title: assignment.title,
		dueAt: assignment.dueAt,
		passMark: assignment.passMark,
		tries: assignment.tries,
		reveal: assignment.reveal,
		state: assignmentState(assignment, now),
		revealed: answersRevealed(assignment, now)
	};
}

function lessonProgress(progress: StudentProgress, slug: string, title: string): LessonProgress {
	const questions = progress.questions.filter((entry) => entry.assigned.lesson.slug === slug);
	return {
		slug,
		title,
		answered: questions.filter((entry) => entry.last).length,
		questions: questions.length,
		completed: progress.completedLessons.includes(slug)
	};
}

async function progressOf(repository: ClassroomRepository, assignment: AssignmentRecord, signedIn: SignedInStudent) {
	const assigned = assignedLessons(assignment, signedIn.student.id);
	const submissions = await repository.listStudentSubmissions(signedIn.student.id);
	return { assigned, progress: studentProgress(assignment, assigned, submissions) };
}

export async function studentOverview(
	repository: ClassroomRepository,
	assignment: AssignmentRecord,
	signedIn: SignedInStudent,
	now: number
): Promise<StudentOverview> {
	const { assigned, progress } = await progressOf(repository, assignment, signedIn);
	const revealed = answersRevealed(assignment, now);
	return {
		assignment: summary(assignment, now),
		student: {
			name: signedIn.student.name,
			// Signed in through an LMS: there is no code to show, the LMS brings them back.
			resumeCode: signedIn.resumeCode === LMS_SIGN_IN ? null : formatResumeCode(signedIn.resumeCode)
		},
		lessons: assigned.lessons.map((lesson) => lessonProgress(progress, lesson.slug, lesson.title)),
		result: revealed ? { score: progress.score, passed: progress.passed } : null,
		answered: progress.answered,
		questions: assigned.questions.length
	};
}

function questionView(
	entry: QuestionProgress,
	number: number,
	module: Module | undefined,
	seed: number,
	reveal: { revealed: boolean; released: boolean }
): StudentQuestionView {
	const { question, lesson } = entry.assigned;
	// Once the answers are released (due date passed, or the teacher's button) every question
	// shows its key, answered or not, tries left or not: nothing more can be handed in.
	const settled = reveal.released || (reveal.revealed && entry.finished);
	const parts = settled && entry.last ? grade(question, entry.last.response, actorIds(module)) : undefined;
	return {
		// Shuffled with the key still known, so an ordering question never comes already in order.
		question: publicQuestion(presentQuestion(question, seed)),
		number,
		tries: entry.tries.map((stored) => ({
			number: stored.tryNumber,
			answer: describeResponse(question, stored.response, module),
			result: reveal.revealed ? { correct: stored.correct, score: stored.score } : null
		})),
		nextTry: entry.tries.length + 1,
		triesLeft: entry.triesLeft,
		finished: entry.finished,
		lastResponse: entry.last?.response ?? null,
		marks: parts?.status === 'graded' ? (parts.parts ?? null) : null,
		solution: settled ? { answer: describeAnswer(question, module), explanationHtml: question.explanationHtml } : null,
		reviewHref: `/${module?.slug ?? ''}/${lesson.slug}#${question.section}`
	};
}

/** `undefined` when the lesson is not part of the assignment. */
export async function studentLessonView(
	repository: ClassroomRepository,
	assignment: AssignmentRecord,
	signedIn: SignedInStudent,
	lessonSlug: string,
	now: number
): Promise<StudentLessonView | undefined> {
	const { assigned, progress } = await progressOf(repository, assignment, signedIn);
	const index = assigned.lessons.findIndex((lesson) => lesson.slug === lessonSlug);
	const lesson = assigned.lessons[index];
	if (!lesson) return undefined;
	const module = assigned.module;
	const reveal = { revealed: answersRevealed(assignment, now), released: keysReleased(assignment, now) };
	// Seeded by the student, so their option order is the same on every device they resume on.
	const seed = hashString(signedIn.student.id);
	const neighbour = (offset: number) => {
		const other = assigned.lessons[index + offset];
		return other ? { slug: other.slug, title: other.title } : null;
	};
	const sides = new Map(module?.sides.map((side) => [side.id, side.label]));
	return {
		assignment: summary(assignment, now),
		student: { name: signedIn.student.name },
		lesson: {
			slug: lesson.slug,
			title: lesson.title,
			summary: lesson.summary,
			href: `/${module?.slug ?? ''}/${lesson.slug}`,
			sections: lesson.sections,
			sources: lesson.cited.flatMap((id) => module?.sources.filter((source) => source.id === id) ?? [])
		},
		position: index + 1,
		lessonCount: assigned.lessons.length,
		previous: neighbour(-1),
		next: neighbour(1),
		questions: progress.questions
			.filter((entry) => entry.assigned.lesson.slug === lesson.slug)
			.map((entry, position) => questionView(entry, position + 1, module, seed, reveal)),
		actors: (module?.actors ?? []).map((actor) => ({ id: actor.id, name: actor.name, side: sides.get(actor.side) })),
		focus: lesson.focus.actors
	};
}
