/** The network fixture module as the pages pass it to components: a module context. */
import type { ModuleContext } from '$lib/model/course';
import { loadCourse } from '$lib/server/content/load-course';

export async function networkFixture(): Promise<ModuleContext> {
	const { course, errors } = await loadCourse('tests/fixtures/network/lessons');
	const loaded = course?.modules[0];
	if (!loaded) throw new Error(`the network fixture did not load: ${JSON.stringify(errors)}`);
	return {
		...loaded,
		lessons: loaded.lessons.map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title,
			summary: lesson.summary,
			minutes: lesson.minutes,
			objectives: lesson.objectives,
			questionCount: lesson.quiz.questions.length,
			passMark: lesson.quiz.passMark
		}))
	};
}

/** jsdom has no matchMedia; the date slider asks it about reduced motion. */
export function stubReducedMotion(reduce: boolean): void {
	Object.defineProperty(window, 'matchMedia', {
		configurable: true,
		value: (query: string) => ({
			matches: reduce && query.includes('reduce'),
			media: query,
			addEventListener: () => undefined,
			removeEventListener: () => undefined
		})
	});
}
