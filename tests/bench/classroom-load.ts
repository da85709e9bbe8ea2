/**
 * Classroom load run: 200 students hand in answers at once against a running server, over
 * loopback, for a bounded time (autocannon, one connection per student). It prints hand-ins per
 * second and latency percentiles, then checks through the teacher's answers export that every
 * hand-in the server acknowledged is stored, and deletes the assignment it made.
 *
 *   npx tsx tests/bench/classroom-load.ts [baseUrl] [seconds]    (default http://127.0.0.1:3000, 10 s)
 *
 * or `runClassroomLoad(baseUrl)` from the benchmark runner. The assignment takes every lesson of
 * the witkoff-leak module, five tries per question, answers revealed after a far-off due date (so
 * every try is accepted, right or wrong): each student has 5 × the questions to hand in, more than
 * a run of this length uses. Each student hands in try 1 of every question, then try 2, and so on,
 * one request at a time as a browser would, with `accept: application/json` as `use:enhance` sends.
 *
 * Pass: at least one hand-in acknowledged, every acknowledged hand-in stored, no server error, and
 * no more than 10% of requests lost to client timeouts (10 s) or connection errors. A timed-out
 * hand-in is not lost data: the server may still store it, and the student's retry of the same try
 * is acknowledged as a duplicate. On a machine shared with other work, some timeouts are expected.
 */
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Question } from '$lib/model/course.ts';
import { answerField } from '$lib/quiz/form-fields.ts';
import { loadCourse } from '$lib/server/content/load-course.ts';

export interface ClassroomLoadOptions {
	students?: number;
	durationSeconds?: number;
	moduleSlug?: string;
	lessonsDir?: string;
	log?: (line: string) => void;
}

export interface ClassroomLoadResult {
	ok: boolean;
	students: number;
	durationSeconds: number;
	requests: number;
	acknowledged: number;
	stored: number;
	missing: number;
	submissionsPerSecond: number;
	latencyMs: { p50: number; p90: number; p99: number; max: number };
	/** Responses other than an acknowledgement, by kind (e.g. `failure 409`, `http 500`). */
	refused: Record<string, number>;
	/** Connection errors other than timeouts. */
	errors: number;
	/** Requests the client gave up on after 10 s. */
	timeouts: number;
	problems: string[];
}

// autocannon ships no types; these are the parts used here.
interface AutocannonRequest {
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	body?: string;
	setupRequest?: (request: AutocannonRequest, context: LoadContext) => AutocannonRequest;
	onResponse?: (status: number, body: string, context: LoadContext) => void;
}
interface AutocannonResult {
	duration: number;
	errors: number;
	timeouts: number;
	non2xx: number;
	requests: { total: number };
	latency: { p50: number; p90: number; p99: number; max: number };
}
type Autocannon = (options: {
	url: string;
	connections: number;
	pipelining: number;
	duration: number;
	timeout: number;
	requests: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface LoadContext {
	student?: Student;
	pending?: string;
}
interface Student {
	name: string;
	cookie: string;
	classPath: string;
}

const TRIES = 5;
const TIMEOUT_SECONDS = 10;
/** Share of requests that may time out or fail to connect before the run fails. */
const LOST_REQUESTS_ALLOWED = 0.1;

/** Form fields handing in the question's own key, for every question type. */
export function answerFields(question: Question): [string, string][] {
	const field = (part?: string) => answerField(question.id, part);
	switch (question.type) {
		case 'single':
		case 'map':
			return [[field(), question.answer]];
		case 'truefalse':
			return [[field(), String(question.answer)]];
		case 'multiple':
			return question.answer.map((id) => [field(), id]);
		case 'ordering':
			return question.answer.map((id, index) => [field(id), String(index + 1)]);
		case 'matching':
			return Object.entries(question.answer).map(([quote, speaker]) => [field(quote), speaker]);
		case 'classification':
			return Object.entries(question.answer).map(([statement, kind]) => [field(statement), kind]);
	}
}

export async function post(
	url: string,
	fields: [string, string][],
	headers: Record<string, string> = {}
): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		redirect: 'manual',
		body: new URLSearchParams(fields),
		headers: { origin: new URL(url).origin, accept: 'application/json', ...headers }
	});
}

let schools = 0;

/**
 * A loopback address of its own for each run's class, as each school has its own: Linux answers
 * on all of 127.0.0.0/8. The classroom caps joins from one address (400 a minute), and the
 * benchmark's runs follow each other within a minute, several hundred students in all.
 */
export function schoolAddress(): string {
	schools++;
	return `127.0.${1 + Math.floor(schools / 250)}.${1 + (schools % 250)}`;
}

/** Joins a class from `from` as a browser without JavaScript would: the session cookie, or why not. */
export function joinClass(
	baseUrl: string,
	joinCode: string,
	name: string,
	from: string
): Promise<{ status: number; cookie?: string }> {
	const url = new URL('/join?/join', baseUrl);
	const body = new URLSearchParams([
		['code', joinCode],
		['name', name]
	]).toString();
	return new Promise((resolve, reject) => {
		const outgoing = request(
			url,
			{
				method: 'POST',
				localAddress: from,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					origin: url.origin,
					accept: 'text/html'
				}
			},
			(response) => {
				response.resume();
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, cookie: response.headers['set-cookie']?.[0]?.split(';')[0] })
				);
			}
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

export async function runClassroomLoad(
	baseUrl: string,
	options: ClassroomLoadOptions = {}
): Promise<ClassroomLoadResult> {
	const students = options.students ?? 200;
	const durationSeconds = options.durationSeconds ?? 10;
	const log = options.log ?? ((line: string) => console.log(line));
	const { course, errors } = await loadCourse(options.lessonsDir ?? 'lessons');
	const module = course?.modules.find((candidate) => candidate.slug === (options.moduleSlug ?? 'witkoff-leak'));
	if (!module) throw new Error(`classroom load: module not found (${errors.length} content errors)`);

	// The teacher sets the assignment; the action answers JSON with the dashboard's address.
	const created = await post(`${baseUrl}/teach?/create`, [
		['title', `Load run ${new Date().toISOString()}`],
		...module.lessons.map((lesson): [string, string] => ['lessons', `${module.slug}/${lesson.slug}`]),
		['passMark', '80'],
		['tries', String(TRIES)],
		['reveal', 'after-due'],
		// The load run answers the lessons' public questions, which a practice assignment asks.
		['mode', 'practice'],
		['due', '2099-12-31T23:00']
	]);
	const location = ((await created.json()) as { location?: string }).location ?? '';
	const [, assignmentId, key] = /^\/teach\/([^/]+)\/([^/?]+)/.exec(location) ?? [];
	if (!assignmentId || !key) throw new Error(`classroom load: creating the assignment answered ${created.status}`);
	const dashboard = `${baseUrl}/teach/${assignmentId}/${key}`;
	const joinCode = /data-testid="join-code">([A-Z0-9]+)</.exec(await (await fetch(dashboard)).text())?.[1];
	if (!joinCode) throw new Error('classroom load: no join code on the dashboard');

	const roster: Student[] = [];
	const school = schoolAddress();
	for (let i = 0; i < students; i++) {
		const name = `Load student ${String(i + 1).padStart(3, '0')}`;
		const { status, cookie } = await joinClass(baseUrl, joinCode, name, school);
		if (status !== 303 || !cookie) throw new Error(`classroom load: ${name} could not join (${status})`);
		roster.push({ name, cookie, classPath: `/class/${assignmentId}` });
	}

	// Every hand-in of one student, in order: try 1 of each question, then try 2, …
	const steps = Array.from({ length: TRIES }, (_, index) => index + 1).flatMap((tryNumber) =>
		module.lessons.flatMap((lesson) =>
			lesson.quiz.questions.map((question) => ({
				lesson: lesson.slug,
				question: question.id,
				tryNumber,
				body: new URLSearchParams([
					['question', question.id],
					['try', String(tryNumber)],
					...answerFields(question)
				]).toString()
			}))
		)
	);
	let nextStudent = 0;
	const acknowledged = new Set<string>();
	const refused: Record<string, number> = {};
	const requests: AutocannonRequest[] = steps.map((step, index) => ({
		method: 'POST',
		setupRequest: (request, context) => {
			// One connection is one student; a connection that runs out of steps starts over as the next student.
			if (index === 0 || !context.student) context.student = roster[nextStudent++ % roster.length];
			const student = context.student as Student;
			context.pending = `${student.name}|${step.question}|${step.tryNumber}`;
			return {
				...request,
				path: `${student.classPath}/${step.lesson}?/answer`,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'application/json',
					origin: baseUrl,
					cookie: student.cookie
				},
				body: step.body
			};
		},
		onResponse: (status, body, context) => {
			let kind = `http ${status}`;
			if (status === 200) {
				try {
					const result = JSON.parse(body) as { type?: string; status?: number };
					kind = result.type === 'success' ? 'success' : `${result.type} ${result.status}`;
				} catch {
					kind = 'unreadable body';
				}
			}
			if (kind === 'success' && context.pending) acknowledged.add(context.pending);
			else refused[kind] = (refused[kind] ?? 0) + 1;
		}
	}));

	log(`classroom load: ${students} students hand in answers for ${durationSeconds} s against ${baseUrl}`);
	const result = await autocannon({
		url: baseUrl,
		connections: students,
		pipelining: 1,
		duration: durationSeconds,
		timeout: TIMEOUT_SECONDS,
		requests
	});

	const exported = await fetch(`${dashboard}/answers.json`);
	const stored = new Set(
		((await exported.json()) as { answers: { name: string; question: string; try: number }[] }).answers.map(
			(answer) => `${answer.name}|${answer.question}|${answer.try}`
		)
	);
	const missing = [...acknowledged].filter((entry) => !stored.has(entry));
	const submissionsPerSecond = Math.round((acknowledged.size / result.duration) * 10) / 10;
	const serverErrors = Object.entries(refused).filter(([kind]) => /^(http 5|error 5|unreadable)/.test(kind));
	// autocannon counts timeouts among its errors.
	const connectionErrors = result.errors - result.timeouts;
	const sent = result.requests.total + result.errors;
	const lost = result.errors / Math.max(1, sent);
	const problems = [
		...(acknowledged.size === 0 ? ['no hand-in was acknowledged'] : []),
		...(missing.length > 0
			? [`${missing.length} acknowledged hand-ins are not stored, e.g. ${missing.slice(0, 3).join(', ')}`]
			: []),
		...serverErrors.map(([kind, count]) => `${count} responses were ${kind}`),
		...(lost > LOST_REQUESTS_ALLOWED
			? [
					`${result.timeouts} timeouts and ${connectionErrors} connection errors: ${Math.round(lost * 100)}% of requests, over ${LOST_REQUESTS_ALLOWED * 100}%`
				]
			: [])
	];

	log(`  hand-ins acknowledged: ${acknowledged.size} (${submissionsPerSecond}/s) of ${result.requests.total} requests`);
	log(
		`  latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`
	);
	if (Object.keys(refused).length > 0) log(`  not acknowledged: ${JSON.stringify(refused)}`);
	if (result.errors > 0)
		log(`  client gave up: ${result.timeouts} timeouts (${TIMEOUT_SECONDS} s), ${connectionErrors} connection errors`);
	log(`  stored: ${stored.size}; acknowledged but missing: ${missing.length}`);
	log(problems.length === 0 ? '  PASS: every acknowledged hand-in is stored' : `  FAIL: ${problems.join('; ')}`);

	// Leave no load-run data behind.
	await post(`${dashboard}?/delete`, [['confirm', 'yes']]);

	return {
		ok: problems.length === 0,
		students,
		durationSeconds: result.duration,
		requests: result.requests.total,
		acknowledged: acknowledged.size,
		stored: stored.size,
		missing: missing.length,
		submissionsPerSecond,
		latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
		refused,
		errors: connectionErrors,
		timeouts: result.timeouts,
		problems
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [baseUrl = 'http://127.0.0.1:3000', seconds = '10'] = process.argv.slice(2);
	const result = await runClassroomLoad(baseUrl.replace(/\/$/, ''), { durationSeconds: Number(seconds) });
	process.exitCode = result.ok ? 0 : 1;
}
