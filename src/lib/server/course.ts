/**
 * The course, validated at build time by the lessons plugin, and the lookups every route uses.
 * Routes stay thin: they look a slug up here or answer 404.
 */
import { error } from '@sveltejs/kit';
import { course } from 'virtual:backchannel/course';
import type { Course, Lesson, LessonSummary, Module, ModuleContext } from '$lib/model/course';

export function getCourse(): Course {
	return course;
}

export function getModule(slug: string): Module {
	const module = course.modules.find((candidate) => candidate.slug === slug);
	if (!module) error(404, `There is no module "${slug}".`);
	return module;
}

export function summarizeLesson(lesson: Lesson): LessonSummary {
	return {
		slug: lesson.slug,
		title: lesson.title,
		summary: lesson.summary,
		minutes: lesson.minutes,
		objectives: lesson.objectives,
		questionCount: lesson.quiz.questions.length,
		passMark: lesson.quiz.passMark
	};
}

export function moduleContext(slug: string): ModuleContext {
	const { lessons, ...module } = getModule(slug);
	return { ...module, lessons: lessons.map(summarizeLesson) };
}

export function getLesson(moduleSlug: string, lessonSlug: string): { lesson: Lesson; index: number } {
	const { lessons } = getModule(moduleSlug);
	const index = lessons.findIndex((candidate) => candidate.slug === lessonSlug);
	const lesson = lessons[index];
	if (!lesson) error(404, `There is no lesson "${lessonSlug}" in this module.`);
	return { lesson, index };
}

export function moduleEntries(): { module: string }[] {
	return course.modules.map((module) => ({ module: module.slug }));
}

export function lessonEntries(): { module: string; lesson: string }[] {
	return course.modules.flatMap((module) =>
		module.lessons.map((lesson) => ({ module: module.slug, lesson: lesson.slug }))
	);
}
