import { getModule, moduleContext, moduleEntries } from '$lib/server/course';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => moduleEntries()) satisfies EntryGenerator;

// Every question of the module, with where it comes from: which ones are queued is only known in
// the learner's browser.
export const load = (({ params }) => ({
	module: moduleContext(params.module),
	questions: getModule(params.module).lessons.flatMap((lesson) =>
		lesson.quiz.questions.map((question) => ({
			lesson: lesson.slug,
			lessonTitle: lesson.title,
			sectionTitle: lesson.sections.find((section) => section.id === question.section)?.title ?? question.section,
			question
		}))
	)
})) satisfies PageServerLoad;
