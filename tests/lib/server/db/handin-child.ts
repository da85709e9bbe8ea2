/**
 * One app process for the two-process test: the classroom's real hand-in path (the classroom
 * service's `submitAnswer`, grading with the quiz's graders, the PostgreSQL store) behind a tiny
 * `node:http` server, so the test can kill it with SIGKILL mid-run.
 *
 * Not a full `node build`: that needs a production build (about a minute) per test run, and a
 * Vite dev server per process took 15 s to start on two busy cores. The course comes from the
 * same loader the lessons plugin uses, here on the fixture course. What the routes add on top
 * (forms, sessions, cookies) is tested in tests/routes/.
 *
 * Usage: tsx handin-child.ts <postgres-url> <lessons-dir>. Prints `listening <port>` when ready.
 * POST /answer {assignmentId, studentId, questionId, tryNumber, response} answers 200 with
 * {status: 'recorded' | 'duplicate'} once the try is committed, or the service's error status.
 */
import { register } from 'node:module';
import { createServer as createHttpServer } from 'node:http';
import { COURSE_MODULE_ID, ASSESSMENT_MODULE_ID } from '$lib/server/content/vite-plugin';
import { loadCourse } from '$lib/server/content/load-course';
import type { submitAnswer as SubmitAnswer } from '$lib/server/classroom/answers';
import { openConfiguredRepository } from '$lib/server/db';

const [databaseUrl, lessonsDir] = process.argv.slice(2);
if (!databaseUrl || !lessonsDir) throw new Error('usage: handin-child.ts <postgres-url> <lessons-dir>');

// The app gets its course from the lessons plugin's virtual modules at build time. Here the same
// loader fills them in through a Node module hook, before the classroom code is first imported.
const { course, assessment, errors } = await loadCourse(lessonsDir);
if (!course || !assessment) throw new Error(`${lessonsDir}: ${errors.map((error) => error.message).join('; ')}`);
const modules = {
	[COURSE_MODULE_ID]: `export const course = ${JSON.stringify(course)};`,
	[ASSESSMENT_MODULE_ID]: `export const assessment = ${JSON.stringify(assessment)};`
};
const hooks = `
	const modules = ${JSON.stringify(modules)};
	export async function resolve(specifier, context, next) {
		return specifier in modules ? { url: specifier, shortCircuit: true } : next(specifier, context);
	}
	export async function load(url, context, next) {
		return url in modules ? { format: 'module', source: modules[url], shortCircuit: true } : next(url, context);
	}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);

const { submitAnswer } = (await import('$lib/server/classroom/answers')) as { submitAnswer: typeof SubmitAnswer };
const repository = await openConfiguredRepository({ databaseUrl });

interface AnswerBody {
	assignmentId: string;
	studentId: string;
	questionId: string;
	tryNumber: number;
	response: Parameters<typeof SubmitAnswer>[1]['response'];
}

const server = createHttpServer(async (request, response) => {
	const reply = (status: number, body: object) => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(body));
	};
	try {
		if (request.method !== 'POST' || request.url !== '/answer') return reply(404, { message: 'not found' });
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as AnswerBody;
		const [assignment, student] = await Promise.all([
			repository.findAssignment(body.assignmentId),
			repository.findStudent(body.studentId)
		]);
		if (!assignment || !student) return reply(404, { message: 'no such assignment or student' });
		const outcome = await submitAnswer(repository, {
			assignment,
			student,
			questionId: body.questionId,
			tryNumber: body.tryNumber,
			response: body.response,
			now: Date.now()
		});
		return outcome.ok ? reply(200, { status: outcome.status }) : reply(outcome.status, { message: outcome.message });
	} catch (error) {
		return reply(500, { message: error instanceof Error ? error.message : String(error) });
	}
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
});
