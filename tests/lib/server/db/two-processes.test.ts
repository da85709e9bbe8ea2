/**
 * Two app processes on one PostgreSQL (a throwaway cluster with fsync on): students spread over
 * both, every try sent to the student's process and retried at once against the other, and one
 * process killed with SIGKILL mid-run. Nothing acknowledged may be lost, and no try stored twice.
 * The processes are handin-child.ts (the classroom's real hand-in path behind node:http; why not a
 * full `node build`, see there).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from '$lib/quiz/grade';
import { loadCourse } from '$lib/server/content/load-course';
import type { ClassroomRepository } from '$lib/server/db';
import { openPostgresRepository } from '$lib/server/db/postgres/postgres-repository';
import { VALID_COURSE } from '../../../fixtures/broken-course';
import { assignment, student } from './fixtures';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

const STUDENTS = 30;
const TRIES = 3;
/** Tries acknowledged before the second process is killed: about a third of the run. */
const KILL_AFTER = 60;

let cluster: PostgresCluster;
let store: ClassroomRepository;
let databaseUrl: string;
const children: ChildProcess[] = [];

/** Starts one app process and resolves with its port once it listens. */
function startAppProcess(): Promise<{ child: ChildProcess; port: number }> {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/lib/server/db/handin-child.ts', databaseUrl, VALID_COURSE],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	children.push(child);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`an app process exited (${code}) before listening: ${stderr}`)));
		createInterface({ input: child.stdout! }).on('line', (line) => {
			const match = /^listening (\d+)$/.exec(line);
			if (match) resolve({ child, port: Number(match[1]) });
		});
	});
}

type Outcome = { acknowledged: true; status: 'recorded' | 'duplicate' } | { acknowledged: false; error: string };

/** One hand-in over HTTP. A refused or cut connection (a dead process) is not an acknowledgement. */
async function handIn(port: number, body: object): Promise<Outcome> {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/answer`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
		const answer = (await response.json()) as { status?: 'recorded' | 'duplicate'; message?: string };
		if (response.ok && answer.status) return { acknowledged: true, status: answer.status };
		return { acknowledged: false, error: `HTTP ${response.status}: ${answer.message}` };
	} catch (error) {
		return { acknowledged: false, error: `connection: ${error instanceof Error ? error.message : String(error)}` };
	}
}

beforeAll(async () => {
	cluster = await startPostgresCluster({ fsync: true });
	databaseUrl = await cluster.createDatabase('classroom');
	store = await openPostgresRepository({ url: databaseUrl });
}, 60_000);

afterAll(async () => {
	for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	await store?.close();
	cluster?.stop();
});

describe('two app processes on one PostgreSQL', () => {
	it(
		'loses no acknowledged answer and stores none twice when one process is killed mid-run',
		{ timeout: 90_000 },
		async () => {
			const { course } = await loadCourse(VALID_COURSE);
			const module = course?.modules[0];
			const lesson = module?.lessons[0];
			if (!module || !lesson) throw new Error(`${VALID_COURSE} has no lesson`);
			const responses = new Map<string, (tryNumber: number) => Response>();
			for (const question of lesson.quiz.questions) {
				if (question.type === 'single')
					responses.set(question.id, (tryNumber) => ({
						type: 'single',
						choice: question.options[tryNumber % question.options.length]?.id ?? ''
					}));
				if (question.type === 'ordering') {
					const ids = question.items.map((item) => item.id);
					// A different order each try: rotated by the try number.
					responses.set(question.id, (tryNumber) => ({
						type: 'ordering',
						order: [...ids.slice(tryNumber % ids.length), ...ids.slice(0, tryNumber % ids.length)]
					}));
				}
			}
			expect(responses.size).toBeGreaterThanOrEqual(2);

			await store.createAssignment(
				assignment({ moduleSlug: module.slug, lessons: [lesson.slug], tries: TRIES, reveal: 'after-due' })
			);
			const studentIds = Array.from({ length: STUDENTS }, (_, index) => `s${index}`);
			for (const [index, id] of studentIds.entries()) {
				const resumeCodeHash = new Uint8Array(32);
				resumeCodeHash[0] = index;
				await store.addStudent(student({ id, name: `Student ${index}`, resumeCodeHash }));
			}

			const processes = await Promise.all([startAppProcess(), startAppProcess()]);
			const ports = processes.map((entry) => entry.port);
			const victim = processes[1]?.child;

			const acknowledged = new Set<string>();
			const recordedCount = new Map<string, number>();
			const failures: string[] = [];
			let killedAt: number | undefined;
			let acknowledgedAfterKill = 0;

			/** One student's tries at one question, in order; each try until some process acknowledges it. */
			async function answerQuestion(
				studentIndex: number,
				questionId: string,
				respond: (tryNumber: number) => Response
			) {
				const home = ports[studentIndex % 2] ?? 0;
				const away = ports[(studentIndex + 1) % 2] ?? 0;
				for (let tryNumber = 1; tryNumber <= TRIES; tryNumber++) {
					const key = `s${studentIndex}/${questionId}/${tryNumber}`;
					const body = {
						assignmentId: 'a1',
						studentId: `s${studentIndex}`,
						questionId,
						tryNumber,
						response: respond(tryNumber)
					};
					for (let attempt = 0; !acknowledged.has(key); attempt++) {
						if (attempt > 20) throw new Error(`${key} was never acknowledged: ${failures.slice(-3).join('; ')}`);
						// The client retries against the other process at once, as a load balancer would.
						const outcomes = await Promise.all([handIn(home, body), handIn(away, body)]);
						for (const outcome of outcomes) {
							if (!outcome.acknowledged) {
								if (!outcome.error.startsWith('connection:')) failures.push(`${key}: ${outcome.error}`);
								continue;
							}
							if (outcome.status === 'recorded') recordedCount.set(key, (recordedCount.get(key) ?? 0) + 1);
							if (!acknowledged.has(key)) {
								acknowledged.add(key);
								if (killedAt !== undefined) acknowledgedAfterKill++;
							}
						}
						if (killedAt === undefined && acknowledged.size >= KILL_AFTER) {
							killedAt = acknowledged.size;
							victim?.kill('SIGKILL');
						}
					}
				}
			}

			await Promise.all(
				studentIds.flatMap((_, studentIndex) =>
					[...responses].map(([questionId, respond]) => answerQuestion(studentIndex, questionId, respond))
				)
			);

			// The kill happened mid-run, with tries still to come.
			expect(killedAt).toBeDefined();
			expect(victim?.signalCode).toBe('SIGKILL');
			expect(acknowledgedAfterKill).toBeGreaterThan(0);
			// Only a dead process may fail a request: no conflicts, no out-of-order, no errors.
			expect(failures).toEqual([]);

			const stored = await store.listAssignmentSubmissions('a1');
			const storedKeys = stored.map((entry) => `${entry.studentId}/${entry.questionId}/${entry.tryNumber}`);
			const lost = [...acknowledged].filter((key) => !storedKeys.includes(key));
			expect(lost).toEqual([]);
			expect(storedKeys.length).toBe(new Set(storedKeys).size);
			expect(stored).toHaveLength(STUDENTS * responses.size * TRIES);
			expect(acknowledged.size).toBe(stored.length);
			expect([...recordedCount.values()].filter((count) => count > 1)).toEqual([]);
			// Each stored try is the answer sent for it.
			for (const entry of stored) expect(entry.response).toEqual(responses.get(entry.questionId)?.(entry.tryNumber));
		}
	);
});
