/**
 * `npm run lessons:check [lessons-dir]`: validates every module without building the site, for
 * authors. Prints each problem as `file:line:column field: message` and exits 1 if there is any.
 */
import { performance } from 'node:perf_hooks';
import { formatContentErrors } from './content-error.ts';
import { loadCourse } from './load-course.ts';

const dir = process.argv[2] ?? 'lessons';
const started = performance.now();
const result = await loadCourse(dir);
const elapsed = Math.round(performance.now() - started);

if (result.errors.length > 0) {
	console.error(formatContentErrors(result.errors));
	process.exit(1);
}
for (const module of result.course?.modules ?? []) {
	const questions = module.lessons.reduce((sum, lesson) => sum + lesson.quiz.questions.length, 0);
	console.log(
		`${module.slug}: ${module.lessons.length} lessons, ${questions} questions, ${module.actors.length} actors, ${module.events.length} events, ${module.sources.length} sources`
	);
}
console.log(`lessons OK (${elapsed} ms)`);
