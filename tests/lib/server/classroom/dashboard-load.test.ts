/**
 * A big class's dashboard must not hold the server: with 1,000 students and 25,000 answers it is
 * built in slices, giving the event loop back between them so hand-ins are answered meanwhile.
 * Measured by counting the turns a concurrent ticker gets (a hand-in needs one), not by timing.
 * The class works through a synthetic module of 29 lessons (one single-choice question each),
 * never the real module.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { grade } from '$lib/quiz/grade';
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import { createAssignment } from '$lib/server/classroom/assignments';
import { dashboardView } from '$lib/server/classroom/dashboard';
import { dashboardFigures } from '$lib/server/classroom/dashboard-figures';
import { DASHBOARD_SLICE } from '$lib/server/classroom/event-loop';
import { getModule } from '$lib/server/course';
import { databaseFile, openRepository, type AssignmentRecord, type ClassroomRepository } from '$lib/server/db';

// The classroom reads the course and the bank from the lessons plugin's modules: serve a
// synthetic module, written to a temp folder and loaded as the build loads lessons/.
// Both mocks share one load (vi.hoisted runs before them).
const synthetic = vi.hoisted(() => {
	let loaded: ReturnType<typeof load> | undefined;
	async function load() {
		const { mkdtempSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const { writeSyntheticModule } = await import('../../../fixtures/synthetic-module');
		const { fixtureCourse } = await import('../../../fixtures/fixture-course');
		const lessonsDir = mkdtempSync(join(tmpdir(), 'backchannel-dashboard-lessons-'));
		try {
			writeSyntheticModule(lessonsDir, { lessons: 29, actors: 4, events: 6 }, 'big-class');
			return await fixtureCourse(lessonsDir);
		} finally {
			rmSync(lessonsDir, { recursive: true, force: true });
		}
	}
	return () => (loaded ??= load());
});
vi.mock('virtual:backchannel/course', async () => ({ course: (await synthetic()).course }));
vi.mock('virtual:backchannel/assessment', async () => ({ assessment: (await synthetic()).assessment }));

const STUDENTS = 1000;
const NOW = Date.UTC(2026, 0, 10, 12);

let dataDir: string;
let repository: ClassroomRepository;
let assignment: AssignmentRecord;
let answers = 0;

beforeAll(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-dashboard-load-'));
	repository = openRepository(dataDir);
	const module = getModule('big-class');
	({ assignment } = await createAssignment(
		repository,
		{
			title: 'Big class',
			moduleSlug: module.slug,
			lessons: module.lessons.map((lesson) => lesson.slug),
			dueAt: null,
			passMark: 0.6,
			tries: 2,
			reveal: 'immediate',
			mode: 'practice'
		},
		NOW
	));
	const questions = assignedLessons(assignment, null).questions;
	// Seeded in one transaction through a second connection: 25,000 fsyncs would take minutes.
	const db = new Database(databaseFile(dataDir));
	const student = db.prepare(
		"INSERT INTO students (id, assignment_id, name, resume_code_hash, resume_code_scheme, created_at, last_active_at) VALUES (?, ?, ?, ?, 'hmac', ?, ?)"
	);
	const submission = db.prepare(
		'INSERT INTO submissions (student_id, question_id, lesson_slug, try_number, response, score, correct, submitted_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?)'
	);
	db.transaction(() => {
		for (let index = 0; index < STUDENTS; index++) {
			const id = `s${index}`;
			const hash = Buffer.alloc(32);
			hash.writeUInt32BE(index);
			student.run(id, assignment.id, `Student ${index}`, hash, NOW, NOW);
			for (const [number, entry] of questions.entries()) {
				if ((index + number) % 7 === 0) continue;
				const question = entry.question;
				const response =
					question.type === 'single'
						? {
								type: 'single' as const,
								choice: question.options[(index + number) % question.options.length]?.id ?? ''
							}
						: null;
				if (!response) continue;
				const graded = grade(question, response);
				if (graded.status !== 'graded') continue;
				submission.run(
					id,
					question.id,
					entry.lesson.slug,
					JSON.stringify(response),
					graded.score,
					graded.correct ? 1 : 0,
					NOW
				);
				answers++;
			}
		}
	})();
	db.close();
}, 120_000);

afterAll(() => {
	repository?.close();
	rmSync(dataDir, { recursive: true, force: true });
});

/** Runs `work` while a ticker takes turns on the event loop; how many turns it got. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
	let turns = 0;
	let running = true;
	const tick = () => {
		if (!running) return;
		turns++;
		setImmediate(tick);
	};
	setImmediate(tick);
	await work();
	running = false;
	return turns;
}

describe('a big class’s dashboard', () => {
	it('is built in slices, letting other requests run between them', { timeout: 60_000 }, async () => {
		expect(answers).toBeGreaterThan(10_000);
		let roster = '';
		const turns = await turnsDuring(async () => {
			const { figures } = await dashboardFigures(await dashboardView(repository, assignment, NOW));
			roster = figures.roster.html;
		});
		expect(roster.match(/<tr>/g)).toHaveLength(STUDENTS + 1);
		// Reading and computing, then rendering the rows and the lists of students: slice by slice.
		expect(turns).toBeGreaterThanOrEqual((3 * STUDENTS) / DASHBOARD_SLICE);
	});
});
