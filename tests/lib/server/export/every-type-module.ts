/** The export tests' fixture: a module whose two lessons' quizzes use every question type. */
import { loadCourse } from '$lib/server/content/load-course';
import type { Module } from '$lib/model/course';

export const EXPORT_LESSONS_DIR = 'tests/fixtures/courses/export';

export async function everyTypeModule(): Promise<Module> {
	const { course, errors } = await loadCourse(EXPORT_LESSONS_DIR);
	const module = course?.modules.find((candidate) => candidate.slug === 'every-type');
	if (!module) throw new Error(`fixture did not load: ${JSON.stringify(errors)}`);
	return module;
}
