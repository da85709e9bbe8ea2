import { getLesson, lessonEntries, moduleContext } from '$lib/server/course';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries = (() => lessonEntries()) satisfies EntryGenerator;

export const load = (({ params }) => {
	const module = moduleContext(params.module);
	const { lesson, index } = getLesson(params.module, params.lesson);
	return {
		module,
		lesson,
		position: index + 1,
		previous: module.lessons[index - 1],
		next: module.lessons[index + 1]
	};
}) satisfies PageServerLoad;
