/**
 * Open-loop hand-in run: hand-ins arrive at a fixed rate (1,000 a second) whether or not the
 * server has answered the earlier ones, as a class's requests do. A closed-loop run (each
 * student waits for their answer before the next hand-in) slows its own arrivals when the
 * server slows, and so under-reports the delay a stall causes; here each hand-in's latency is
 * counted from the moment it was due to be sent, so time spent queued behind a stall counts.
 *
 * Each hand-in is try 1 of a different question for a different student, so none waits on
 * another's outcome. Budget: p99 ≤ 100 ms on this machine.
 *
 * The server is warmed up first, by other students of the same class handing in at half the
 * rate for three seconds, not counted (their figures are printed). A class's server has been
 * running: the first seconds of a fresh process at this rate (V8 still compiling the hand-in's
 * code on the machine's second core, which the client needs too, and SQLite's page cache empty)
 * are not what a class meets. After one second of warm-up p99 still swung from 0.1 to 2 s, the
 * slow hand-ins all in the first second of the measured run; after three, runs are steady.
 *
 *   npx tsx tests/bench/open-loop.ts [baseUrl] [rate] [seconds] [server pid, for its CPU time]
 */
import { Agent, request } from 'node:http';
import { pathToFileURL } from 'node:url';
import { loadCourse } from '$lib/server/content/load-course.ts';
import { processCpuMs } from './app-build.ts';
import { answerFields, joinClass, post, schoolAddress } from './classroom-load.ts';

export const OPEN_LOOP_P99_BUDGET_MS = 100;

export interface OpenLoopOptions {
	rate?: number;
	seconds?: number;
	students?: number;
	/** How long other students warm the server up at half the rate (not counted). */
	warmUpSeconds?: number;
	lessonsDir?: string;
	moduleSlug?: string;
	log?: (line: string) => void;
	/** The server's CPU time so far in ms, if it can be read: reported per hand-in. */
	serverCpuMs?: () => number | undefined;
}

export interface OpenLoopResult {
	ok: boolean;
	rate: number;
	sent: number;
	acknowledged: number;
	failed: number;
	latencyMs: { p50: number; p99: number; max: number };
	/**
	 * The server's CPU time (user + system) during the run, per hand-in sent: what each hand-in
	 * costs the one event loop, less noisy than latency when other work shares the machine. Time
	 * the loop spends blocked in fsync is not CPU time and is not in it.
	 */
	serverCpuMsPerHandIn?: number;
	problems: string[];
}

interface HandIn {
	path: string;
	cookie: string;
	body: string;
}

function percentile(sorted: number[], fraction: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

/** Sends one hand-in; resolves with whether it was acknowledged (never rejects). */
function send(agent: Agent, baseUrl: URL, handIn: HandIn): Promise<boolean> {
	return new Promise((resolve) => {
		const outgoing = request(
			{
				agent,
				host: baseUrl.hostname,
				port: baseUrl.port,
				method: 'POST',
				path: handIn.path,
				timeout: 10_000,
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(handIn.body),
					accept: 'application/json',
					origin: baseUrl.origin,
					cookie: handIn.cookie
				}
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk: string) => (text += chunk));
				response.on('end', () => resolve(response.statusCode === 200 && text.includes('"type":"success"')));
				response.on('error', () => resolve(false));
			}
		);
		outgoing.on('timeout', () => outgoing.destroy());
		outgoing.on('error', () => resolve(false));
		outgoing.end(handIn.body);
	});
}

/** Sends each hand-in when it is due at `rate` a second, however the earlier ones are doing. */
async function sendOnSchedule(
	agent: Agent,
	target: URL,
	handIns: HandIn[],
	rate: number
): Promise<{ latencies: number[]; acknowledged: number }> {
	const latencies: number[] = [];
	const pending: Promise<void>[] = [];
	let acknowledged = 0;
	const start = performance.now();
	for (let index = 0; index < handIns.length;) {
		const elapsed = performance.now() - start;
		while (index < handIns.length && (index * 1000) / rate <= elapsed) {
			const due = start + (index * 1000) / rate;
			pending.push(
				send(agent, target, handIns[index] as HandIn).then((ok) => {
					latencies.push(performance.now() - due);
					if (ok) acknowledged++;
				})
			);
			index++;
		}
		await new Promise((resolve) => setTimeout(resolve, 1));
	}
	await Promise.all(pending);
	return { latencies, acknowledged };
}

function summarize(latencies: number[]): OpenLoopResult['latencyMs'] {
	const sorted = [...latencies].sort((a, b) => a - b);
	return {
		p50: Math.round(percentile(sorted, 0.5)),
		p99: Math.round(percentile(sorted, 0.99)),
		max: Math.round(sorted.at(-1) ?? 0)
	};
}

export async function runOpenLoop(baseUrl: string, options: OpenLoopOptions = {}): Promise<OpenLoopResult> {
	const rate = options.rate ?? 1000;
	const seconds = options.seconds ?? 5;
	const warmUpSeconds = options.warmUpSeconds ?? 3;
	const log = options.log ?? ((line: string) => console.log(line));
	const { course } = await loadCourse(options.lessonsDir ?? 'lessons');
	const module = course?.modules.find((candidate) => candidate.slug === (options.moduleSlug ?? 'witkoff-leak'));
	if (!module) throw new Error('open-loop run: module not found');
	const questionCount = module.lessons.reduce((sum, lesson) => sum + lesson.quiz.questions.length, 0);
	// Enough students for one hand-in each per question, and no more (one class; the classroom caps
	// joins to one assignment at 300 a minute).
	const students = options.students ?? Math.ceil((rate * seconds) / questionCount);
	const warmUpStudents = Math.ceil((rate * warmUpSeconds) / 2 / questionCount);

	const created = await post(`${baseUrl}/teach?/create`, [
		['title', `Open-loop run ${new Date().toISOString()}`],
		...module.lessons.map((lesson): [string, string] => ['lessons', `${module.slug}/${lesson.slug}`]),
		['passMark', '80'],
		['tries', '5'],
		['reveal', 'after-due'],
		['due', '2099-12-31T23:00'],
		// The lessons' public questions, which this run answers (assessed draws held-back items).
		['mode', 'practice']
	]);
	const location = ((await created.json()) as { location?: string }).location ?? '';
	const dashboard = `${baseUrl}${location.replace(/\?.*$/, '')}`;
	const assignmentId = /^\/teach\/([^/]+)\//.exec(location)?.[1];
	const joinCode = /data-testid="join-code">([A-Z0-9]+)</.exec(await (await fetch(dashboard)).text())?.[1];
	if (!assignmentId || !joinCode) throw new Error(`open-loop run: creating the assignment answered ${created.status}`);

	const cookies: string[] = [];
	const school = schoolAddress();
	for (let i = 0; i < warmUpStudents + students; i++) {
		const { status, cookie } = await joinClass(baseUrl, joinCode, `Open-loop student ${i + 1}`, school);
		if (status !== 303 || !cookie) throw new Error(`open-loop run: student ${i + 1} could not join (${status})`);
		cookies.push(cookie);
	}
	// Question by question, each student in turn: one hand-in per (student, question), all try 1.
	const questions = module.lessons.flatMap((lesson) =>
		lesson.quiz.questions.map((question) => ({
			path: `/class/${assignmentId}/${lesson.slug}?/answer`,
			body: new URLSearchParams([['question', question.id], ['try', '1'], ...answerFields(question)]).toString()
		}))
	);
	// The warm-up students' hand-ins first, then the measured students'.
	const byStudent = (group: string[]) =>
		questions.flatMap((question) => group.map((cookie): HandIn => ({ ...question, cookie })));
	const handIns = [...byStudent(cookies.slice(0, warmUpStudents)), ...byStudent(cookies.slice(warmUpStudents))];
	const warmUpCount = warmUpStudents * questions.length;
	const total = Math.min(handIns.length - warmUpCount, Math.round(rate * seconds));
	if (total < rate * seconds) log(`  (only ${total} distinct hand-ins: ${students} students × ${questions.length})`);

	const agent = new Agent({ keepAlive: true, maxSockets: 512 });
	const target = new URL(baseUrl);
	const warmUp = handIns.slice(0, warmUpCount);
	log(`open-loop warm-up: ${warmUp.length} hand-ins at ${rate / 2}/s, not counted`);
	const warm = summarize((await sendOnSchedule(agent, target, warmUp, rate / 2)).latencies);
	log(`  latency ms: p50 ${warm.p50}, p99 ${warm.p99}, max ${warm.max}`);

	const measured = handIns.slice(warmUpCount, warmUpCount + total);
	log(`open-loop run: ${measured.length} hand-ins at ${rate}/s against ${baseUrl}`);
	const cpuAtStart = options.serverCpuMs?.();
	const { latencies, acknowledged } = await sendOnSchedule(agent, target, measured, rate);
	const cpuAtEnd = options.serverCpuMs?.();
	const serverCpuMsPerHandIn =
		cpuAtStart === undefined || cpuAtEnd === undefined
			? undefined
			: Math.round(((cpuAtEnd - cpuAtStart) / total) * 100) / 100;
	agent.destroy();
	await post(`${dashboard}?/delete`, [['confirm', 'yes']]);

	const latencyMs = summarize(latencies);
	const failed = total - acknowledged;
	const problems = [
		...(latencyMs.p99 > OPEN_LOOP_P99_BUDGET_MS
			? [`hand-in p99 ${latencyMs.p99} ms at ${rate}/s, over the ${OPEN_LOOP_P99_BUDGET_MS} ms budget`]
			: []),
		...(failed > 0 ? [`${failed} of ${total} hand-ins were not acknowledged`] : [])
	];
	log(`  acknowledged ${acknowledged} of ${total}`);
	log(`  latency ms (from when each was due): p50 ${latencyMs.p50}, p99 ${latencyMs.p99}, max ${latencyMs.max}`);
	if (serverCpuMsPerHandIn !== undefined) log(`  server CPU per hand-in: ${serverCpuMsPerHandIn} ms`);
	log(problems.length === 0 ? '  PASS' : `  FAIL: ${problems.join('; ')}`);
	return {
		ok: problems.length === 0,
		rate,
		sent: total,
		acknowledged,
		failed,
		latencyMs,
		...(serverCpuMsPerHandIn === undefined ? {} : { serverCpuMsPerHandIn }),
		problems
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const [baseUrl = 'http://127.0.0.1:3000', rate = '1000', seconds = '5', serverPid] = process.argv.slice(2);
	const result = await runOpenLoop(baseUrl.replace(/\/$/, ''), {
		rate: Number(rate),
		seconds: Number(seconds),
		serverCpuMs: () => processCpuMs(serverPid === undefined ? undefined : Number(serverPid))
	});
	process.exitCode = result.ok ? 0 : 1;
}
