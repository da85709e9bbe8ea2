/**
 * `npm run lessons:check [lessons-dir]`: validates every module without building the site, for
 * authors. Prints each problem as `file:line:column field: message` and exits 1 if there is any.
 */
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { formatContentErrors } from './content-error.ts';
import { loadCourse } from './load-course.ts';

const USAGE = `Usage: npm run lessons:check [-- <lessons-folder>]

Checks every module folder in the lessons folder, as the build does, and prints each problem as
file:line:column field: what was expected, what was found. Exits 1 when there is any.

The folder is, in order: the argument, BACKCHANNEL_LESSONS_DIR (as for the build), or lessons/.`;

const argument = process.argv[2];
if (argument === '--help' || argument === '-h') {
	console.log(USAGE);
	process.exit(0);
}
if (argument?.startsWith('-')) {
	console.error(`Unknown option ${argument}.\n\n${USAGE}`);
	process.exit(2);
}
const dir = argument ?? process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons';
if (!existsSync(dir)) {
	console.error(`No lessons folder at ${dir}.\n\n${USAGE}`);
	process.exit(2);
}

const started = performance.now();
const result = await loadCourse(dir);
const elapsed = Math.round(performance.now() - started);

for (const note of result.notes) console.log(note);
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
