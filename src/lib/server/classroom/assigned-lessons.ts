/**
 * The lessons and questions an assignment covers, looked up in the course. Lessons are stored by
 * slug: if the course changes after an assignment was made, a lesson or question that no longer
 * exists drops out of the assignment (its stored answers stay in the store, uncounted).
 */
import type { Lesson, Module, Question } from '$lib/model/course';
import type { AssignmentRecord } from '$lib/server/db';
import { getCourse } from '$lib/server/course';

export interface AssignedQuestion {
	lesson: Lesson;
	question: Question;
	/** 1-based, across the whole assignment. */
	number: number;
}

export interface AssignedLessons {
	module: Module | undefined;
	lessons: Lesson[];
	questions: AssignedQuestion[];
}

export function assignedLessons(assignment: Pick<AssignmentRecord, 'moduleSlug' | 'lessons'>): AssignedLessons {
	const module = getCourse().modules.find((candidate) => candidate.slug === assignment.moduleSlug);
	const lessons = assignment.lessons.flatMap((slug) => module?.lessons.filter((lesson) => lesson.slug === slug) ?? []);
	let number = 0;
	const questions = lessons.flatMap((lesson) =>
		lesson.quiz.questions.map((question) => ({ lesson, question, number: ++number }))
	);
	return { module, lessons, questions };
}

export function actorIds(module: Module | undefined): string[] {
	return module?.actors.map((actor) => actor.id) ?? [];
}
