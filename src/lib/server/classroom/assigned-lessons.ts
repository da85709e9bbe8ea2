/**
 * The lessons and questions an assignment covers, looked up in the course. Lessons are stored by
 * slug: if the course changes after an assignment was made, a lesson or question that no longer
 * exists drops out of the assignment (its stored answers stay in the store, uncounted).
 *
 * A practice assignment asks every student the lessons' public self-check questions. An assessed
 * one asks each student one variant of every held-back slot, drawn for that student; only the
 * teacher's views (`teacherItems`) see every variant.
 */
import type { Lesson, Module, Question } from '$lib/model/course';
import { heldBackSlots } from '$lib/server/assessment/bank';
import { drawItems } from '$lib/server/assessment/draw';
import type { AssignmentRecord } from '$lib/server/db';
import { getCourse } from '$lib/server/course';

export interface AssignedQuestion {
	lesson: Lesson;
	question: Question;
	/** 1-based, across the whole assignment; in an assessed one, the slot's number. */
	number: number;
	/** In an assessed assignment, the slot this question is a variant of. */
	slot?: { id: string; objective: string; variant: number; variants: number };
}

export interface AssignedLessons {
	module: Module | undefined;
	lessons: Lesson[];
	questions: AssignedQuestion[];
}

type AssignmentScope = Pick<AssignmentRecord, 'id' | 'moduleSlug' | 'lessons' | 'mode'>;

function courseLessons(assignment: AssignmentScope): Pick<AssignedLessons, 'module' | 'lessons'> {
	const module = getCourse().modules.find((candidate) => candidate.slug === assignment.moduleSlug);
	const lessons = assignment.lessons.flatMap((slug) => module?.lessons.filter((lesson) => lesson.slug === slug) ?? []);
	return { module, lessons };
}

/**
 * What one student is asked (`studentId`), or, with `null`, only the lessons (a page before
 * joining). Practice questions are the same for everyone, so they come either way.
 */
export function assignedLessons(assignment: AssignmentScope, studentId: string | null): AssignedLessons {
	const { module, lessons } = courseLessons(assignment);
	let number = 0;
	if (assignment.mode === 'practice') {
		const questions = lessons.flatMap((lesson) =>
			lesson.quiz.questions.map((question) => ({ lesson, question, number: ++number }))
		);
		return { module, lessons, questions };
	}
	if (studentId === null) return { module, lessons, questions: [] };
	const questions = lessons.flatMap((lesson) =>
		drawItems(heldBackSlots(assignment.moduleSlug, lesson.slug), assignment.id, studentId).map(
			({ slot, variant, question }) => ({
				lesson,
				question,
				number: ++number,
				slot: { id: slot.id, objective: slot.objective, variant, variants: slot.variants.length }
			})
		)
	);
	return { module, lessons, questions };
}

/** Every question any student of the assignment may get: for an assessed one, every variant. */
export function teacherItems(assignment: AssignmentScope): AssignedLessons {
	const { module, lessons } = courseLessons(assignment);
	if (assignment.mode === 'practice') return assignedLessons(assignment, null);
	let number = 0;
	const questions = lessons.flatMap((lesson) =>
		heldBackSlots(assignment.moduleSlug, lesson.slug).flatMap((slot) => {
			number++;
			return slot.variants.map((question, variant) => ({
				lesson,
				question,
				number,
				slot: { id: slot.id, objective: slot.objective, variant, variants: slot.variants.length }
			}));
		})
	);
	return { module, lessons, questions };
}

/** How many questions each student answers in a lesson of the assignment. */
export function questionsPerStudent(assignment: AssignmentScope, lesson: Lesson): number {
	return assignment.mode === 'practice'
		? lesson.quiz.questions.length
		: heldBackSlots(assignment.moduleSlug, lesson.slug).length;
}

export function actorIds(module: Module | undefined): string[] {
	return module?.actors.map((actor) => actor.id) ?? [];
}
