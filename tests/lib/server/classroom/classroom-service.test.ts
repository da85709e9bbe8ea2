/**
 * The classroom's rules end to end below the routes: the classroom fixture module (never the real
 * one), the quiz's graders, and a real store: SQLite in a temp folder, then PostgreSQL on a
 * throwaway cluster.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Question } from '$lib/model/course';
import type { Response } from '$lib/quiz/grade';
import { submitAnswer } from '$lib/server/classroom/answers';
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import type { AssignmentSettings } from '$lib/server/classroom/assignment-settings';
import { answersRevealed, assignmentState, createAssignment, openDashboard } from '$lib/server/classroom/assignments';
import { dashboardView, resultsCsv } from '$lib/server/classroom/dashboard';
import { answerKey } from '$lib/server/classroom/describe';
import { studentProgress } from '$lib/server/classroom/progress';
import { studentLessonView, studentOverview } from '$lib/server/classroom/student-view';
import { findJoinable, findStudentByResumeCode, joinAssignment } from '$lib/server/classroom/students';
import { getModule } from '$lib/server/course';
import type { AssignmentRecord, ClassroomRepository } from '$lib/server/db';
import { BACKENDS } from '../db/store-backends';

// The classroom reads the course and the bank from the lessons plugin's modules: serve the fixture.
vi.mock('virtual:backchannel/course', async () => {
	const { CLASSROOM_LESSONS, fixtureCourse } = await import('../../../fixtures/fixture-course');
	return { course: (await fixtureCourse(CLASSROOM_LESSONS)).course };
});
vi.mock('virtual:backchannel/assessment', async () => {
	const { CLASSROOM_LESSONS, fixtureCourse } = await import('../../../fixtures/fixture-course');
	return { assessment: (await fixtureCourse(CLASSROOM_LESSONS)).assessment };
});

const module = getModule('classroom-calls');
const lesson = module.lessons[0];
if (!lesson) throw new Error('the module has no lessons');
const singles = lesson.quiz.questions.filter(
	(question): question is Extract<Question, { type: 'single' }> => question.type === 'single'
);
const [single, otherSingle] = singles;
if (!single || !otherSingle) throw new Error('the first lesson needs two single-choice questions for these tests');

function wrongChoice(question: Extract<Question, { type: 'single' }>): Response {
	const option = question.options.find((candidate) => candidate.id !== question.answer);
	return { type: 'single', choice: option?.id ?? '' };
}

const NOW = Date.UTC(2026, 0, 10, 12);
const settings = (overrides: Partial<AssignmentSettings> = {}): AssignmentSettings => ({
	title: 'Year 11',
	moduleSlug: module.slug,
	lessons: [lesson.slug],
	dueAt: null,
	passMark: 0.8,
	tries: 2,
	reveal: 'immediate',
	mode: 'practice',
	...overrides
});

let repository: ClassroomRepository;

async function setUp(overrides: Partial<AssignmentSettings> = {}) {
	const created = await createAssignment(repository, settings(overrides), NOW);
	const ada = await joinAssignment(repository, created.assignment, 'Ada', NOW);
	return { ...created, ada };
}

function answer(
	assignment: AssignmentRecord,
	student: { id: string } & object,
	questionId: string,
	tryNumber: number,
	response: Response,
	now = NOW + 1
) {
	return submitAnswer(repository, {
		assignment,
		student: { id: student.id, assignmentId: assignment.id, name: 'x', createdAt: NOW, lastActiveAt: NOW },
		questionId,
		tryNumber,
		response,
		now
	});
}

const backends = BACKENDS.map((make) => make()).map((backend) => [backend.name, backend] as const);

describe.each(backends)('the classroom on %s', (_name, backend) => {
	beforeAll(() => backend.setUp(), 60_000);
	afterAll(() => backend.tearDown());
	beforeEach(async () => {
		repository = await backend.open();
	});
	afterEach(() => repository.close());

	describe('assignments and the dashboard key', () => {
		it('creates an assignment with a join code and a key that opens its dashboard, and nothing else does', async () => {
			const { assignment, dashboardKey } = await setUp();
			expect(assignment.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
			expect(await openDashboard(repository, assignment.id, dashboardKey)).toEqual(assignment);
			const tampered = `${dashboardKey.slice(0, -1)}${dashboardKey.endsWith('A') ? 'B' : 'A'}`;
			expect(await openDashboard(repository, assignment.id, tampered)).toBeUndefined();
			expect(await openDashboard(repository, 'other', dashboardKey)).toBeUndefined();
		});

		it('is open until closed or due, and reveals answers per its setting', async () => {
			const { assignment } = await setUp({ dueAt: NOW + 1000, reveal: 'after-due' });
			expect(assignmentState(assignment, NOW)).toEqual({ open: true });
			expect(assignmentState(assignment, NOW + 1000)).toEqual({ open: false, reason: 'past-due', since: NOW + 1000 });
			expect(assignmentState({ ...assignment, closedAt: NOW }, NOW)).toEqual({
				open: false,
				reason: 'closed',
				since: NOW
			});
			expect(answersRevealed(assignment, NOW)).toBe(false);
			expect(answersRevealed(assignment, NOW + 1000)).toBe(true);
		});
	});

	describe('joining', () => {
		it('finds an open assignment by its code however it is typed', async () => {
			const { assignment } = await setUp();
			const typed = `${assignment.joinCode.slice(0, 3).toLowerCase()} ${assignment.joinCode.slice(3)}`;
			expect(await findJoinable(repository, typed, NOW)).toEqual({ ok: true, assignment });
		});

		it('says why a code is refused: malformed, unknown, and closed (or past due) without naming the assignment', async () => {
			const { assignment } = await setUp({ dueAt: NOW + 1000 });
			expect(await findJoinable(repository, '12', NOW)).toMatchObject({
				reason: 'malformed',
				message: expect.stringMatching(/6 letters and digits/)
			});
			const unknown = assignment.joinCode === 'ZZZZZZ' ? 'YYYYYY' : 'ZZZZZZ';
			expect(await findJoinable(repository, unknown, NOW)).toMatchObject({
				reason: 'unknown',
				message: expect.stringContaining(`no assignment has the code ${unknown}`)
			});
			expect(await findJoinable(repository, assignment.joinCode, NOW + 1000)).toEqual({
				ok: false,
				reason: 'past-due',
				message: 'Join code: this assignment is closed.'
			});
			await repository.updateSchedule(assignment.id, { closedAt: NOW, dueAt: assignment.dueAt });
			expect(await findJoinable(repository, assignment.joinCode, NOW)).toEqual({
				ok: false,
				reason: 'closed',
				message: 'Join code: this assignment is closed.'
			});
		});

		it('gives each student a resume code that finds them again', async () => {
			const { ada } = await setUp();
			expect(await findStudentByResumeCode(repository, ada.resumeCode.toLowerCase())).toEqual({
				student: ada.student,
				resumeCode: ada.resumeCode
			});
			expect(await findStudentByResumeCode(repository, 'ABCDEFGHJKMN')).toBeUndefined();
		});
	});

	describe('handing in', () => {
		it('grades on the server and records the try', async () => {
			const { assignment, ada } = await setUp();
			const outcome = await answer(assignment, ada.student, single.id, 1, answerKey(single));
			expect(outcome).toMatchObject({
				ok: true,
				status: 'recorded',
				submission: { score: 1, correct: true, lessonSlug: lesson.slug }
			});
		});

		it('acknowledges a repeated try once, and refuses a changed answer under the same try', async () => {
			const { assignment, ada } = await setUp();
			await answer(assignment, ada.student, single.id, 1, wrongChoice(single));
			expect(await answer(assignment, ada.student, single.id, 1, wrongChoice(single))).toMatchObject({
				ok: true,
				status: 'duplicate'
			});
			expect(await answer(assignment, ada.student, single.id, 1, answerKey(single))).toMatchObject({
				ok: false,
				status: 409,
				message: expect.stringMatching(/already handed in with a different answer/)
			});
		});

		it('refuses an answer the question cannot take, storing nothing', async () => {
			const { assignment, ada } = await setUp();
			expect(
				await answer(assignment, ada.student, single.id, 1, { type: 'single', choice: 'no-such-option' })
			).toMatchObject({
				ok: false,
				status: 400,
				message: 'Your answer: "no-such-option" is not one of this question\'s options.'
			});
			expect(await answer(assignment, ada.student, single.id, 1, { type: 'truefalse', value: true })).toMatchObject({
				ok: false,
				status: 400
			});
			expect(await repository.listStudentSubmissions(ada.student.id)).toEqual([]);
		});

		it('refuses questions outside the assignment, and answers once it is closed or past due', async () => {
			const { assignment, ada } = await setUp({ dueAt: NOW + 1000 });
			expect(await answer(assignment, ada.student, 'not-a-question', 1, answerKey(single))).toMatchObject({
				ok: false,
				status: 404
			});
			expect(await answer(assignment, ada.student, single.id, 1, answerKey(single), NOW + 1000)).toMatchObject({
				ok: false,
				status: 403,
				message: expect.stringMatching(/past its due date/)
			});
			expect(
				await answer({ ...assignment, closedAt: NOW }, ada.student, single.id, 1, answerKey(single))
			).toMatchObject({
				ok: false,
				status: 403,
				message: expect.stringMatching(/closed/)
			});
		});

		it('refuses a student of another assignment', async () => {
			const { assignment } = await setUp();
			const other = await createAssignment(repository, settings(), NOW);
			const stranger = await joinAssignment(repository, other.assignment, 'Eve', NOW);
			const outcome = await submitAnswer(repository, {
				assignment,
				student: stranger.student,
				questionId: single.id,
				tryNumber: 1,
				response: answerKey(single),
				now: NOW
			});
			expect(outcome).toMatchObject({ ok: false, status: 403 });
		});

		it('ends a question at a correct try when answers are revealed at once, and not when they are not', async () => {
			const immediate = await setUp({ reveal: 'immediate' });
			await answer(immediate.assignment, immediate.ada.student, single.id, 1, answerKey(single));
			expect(
				await answer(immediate.assignment, immediate.ada.student, single.id, 2, wrongChoice(single))
			).toMatchObject({
				status: 409
			});

			const later = await setUp({ reveal: 'after-due', dueAt: NOW + 10_000 });
			await answer(later.assignment, later.ada.student, single.id, 1, answerKey(single));
			expect(await answer(later.assignment, later.ada.student, single.id, 2, wrongChoice(single))).toMatchObject({
				ok: true,
				status: 'recorded'
			});
			expect(await answer(later.assignment, later.ada.student, single.id, 3, answerKey(single))).toMatchObject({
				ok: false,
				message: 'You have no tries left at this question.'
			});
		});
	});

	describe('progress and the dashboard', () => {
		it('scores by the last try over every assigned question and completes a lesson when all its questions are finished', async () => {
			const { assignment, ada } = await setUp({ tries: 1 });
			const assigned = assignedLessons(assignment, ada.student.id);
			for (const entry of assigned.questions)
				await answer(assignment, ada.student, entry.question.id, 1, answerKey(entry.question));
			const progress = studentProgress(assignment, assigned, await repository.listStudentSubmissions(ada.student.id));
			expect(progress).toMatchObject({
				answered: assigned.questions.length,
				score: 1,
				completedLessons: [lesson.slug],
				passed: true
			});
		});

		it('shows the roster, the share correct and the most chosen wrong answer', async () => {
			const { assignment, ada } = await setUp({ tries: 1 });
			const ben = await joinAssignment(repository, assignment, '<img src=x onerror=alert(1)>', NOW + 5);
			const cy = await joinAssignment(repository, assignment, 'Cy', NOW + 6);
			await answer(assignment, ada.student, single.id, 1, answerKey(single));
			await answer(assignment, ben.student, single.id, 1, wrongChoice(single));
			await answer(assignment, cy.student, single.id, 1, wrongChoice(single));

			const view = await dashboardView(repository, assignment, NOW + 10);
			expect(view.roster.map((row) => [row.name, row.answered])).toEqual([
				['Ada', 1],
				['<img src=x onerror=alert(1)>', 1],
				['Cy', 1]
			]);
			const stat = view.questions.find((entry) => entry.questionId === single.id);
			const wrongText = single.options.find(
				(option) => option.id === (wrongChoice(single) as { choice: string }).choice
			)?.text;
			expect(stat).toMatchObject({
				answered: 3,
				correctShare: 1 / 3,
				commonWrong: { text: wrongText, count: 2 },
				discrimination: null
			});
			expect(view.questions.find((entry) => entry.questionId === otherSingle.id)).toMatchObject({
				answered: 0,
				correctShare: null,
				commonWrong: null
			});
			expect(view.histogram.total).toBe(3);
		});

		it('exports one CSV row per student with each question’s score, names defused', async () => {
			const { assignment, ada } = await setUp();
			const mallory = await joinAssignment(repository, assignment, '=HYPERLINK("http://x")', NOW + 5);
			await answer(assignment, ada.student, single.id, 1, answerKey(single));
			await answer(assignment, mallory.student, single.id, 1, wrongChoice(single));
			const lines = (await resultsCsv(repository, assignment))
				.replace(/^\uFEFF/, '')
				.trimEnd()
				.split('\r\n');
			expect(lines).toHaveLength(3);
			const header = lines[0]?.split(',') ?? [];
			expect(header.slice(0, 6)).toEqual([
				'Name',
				'Lessons completed',
				'Lessons assigned',
				'Questions answered',
				'Questions assigned',
				'Score (%)'
			]);
			const column = header.findIndex((cell) => cell.includes(single.id));
			expect(lines[1]?.split(',')[column]).toBe('100');
			expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",/);
			expect(lines[2]?.split(',')[column]).toBe('0');
		});
	});

	describe('what a student’s pages receive', () => {
		it('holds back the key, explanation and hint of every question until it is finished and revealed', async () => {
			const { assignment, ada } = await setUp({ tries: 1 });
			const signedIn = { student: ada.student, resumeCode: ada.resumeCode };
			const before = await studentLessonView(repository, assignment, signedIn, lesson.slug, NOW);
			expect(before?.questions).toHaveLength(lesson.quiz.questions.length);
			for (const entry of before?.questions ?? []) {
				expect(Object.keys(entry.question)).not.toContain('answer');
				expect(Object.keys(entry.question)).not.toContain('explanationHtml');
				expect(Object.keys(entry.question)).not.toContain('hintHtml');
				expect(entry.solution).toBeNull();
			}
			expect(JSON.stringify(before)).not.toContain(single.explanationHtml);

			await answer(assignment, ada.student, single.id, 1, wrongChoice(single));
			const after = await studentLessonView(repository, assignment, signedIn, lesson.slug, NOW + 2);
			const finished = after?.questions.find((entry) => entry.question.id === single.id);
			expect(finished).toMatchObject({ finished: true, tries: [{ number: 1, result: { correct: false, score: 0 } }] });
			expect(finished?.solution?.explanationHtml).toBe(single.explanationHtml);
			expect(finished?.solution?.answer).toBe(single.options.find((option) => option.id === single.answer)?.text);
		});

		it('shows neither right/wrong nor the key before the due date when answers are revealed after it', async () => {
			const { assignment, ada } = await setUp({ tries: 1, reveal: 'after-due', dueAt: NOW + 1000 });
			const signedIn = { student: ada.student, resumeCode: ada.resumeCode };
			await answer(assignment, ada.student, single.id, 1, answerKey(single));
			const view = await studentLessonView(repository, assignment, signedIn, lesson.slug, NOW + 10);
			const entry = view?.questions.find((candidate) => candidate.question.id === single.id);
			expect(entry).toMatchObject({ finished: true, solution: null, marks: null, tries: [{ result: null }] });
			expect((await studentOverview(repository, assignment, signedIn, NOW + 10)).result).toBeNull();
			const revealed = await studentLessonView(repository, assignment, signedIn, lesson.slug, NOW + 1000);
			expect(revealed?.questions.find((candidate) => candidate.question.id === single.id)?.solution).not.toBeNull();
			expect((await studentOverview(repository, assignment, signedIn, NOW + 1000)).result).toMatchObject({
				passed: false
			});
		});

		it('orders each student’s options by their own seed, the same on every load', async () => {
			const { assignment, ada } = await setUp();
			const ben = await joinAssignment(repository, assignment, 'Ben', NOW);
			const order = async (student: typeof ada) => {
				const view = await studentLessonView(
					repository,
					assignment,
					{ student: student.student, resumeCode: student.resumeCode },
					lesson.slug,
					NOW
				);
				return view?.questions
					.map((entry) => ('options' in entry.question ? entry.question.options.map((option) => option.id).join() : ''))
					.join('|');
			};
			expect(await order(ada)).toBe(await order(ada));
			expect(await order(ada)).not.toBe(await order(ben));
		});

		it('has no view of a lesson outside the assignment', async () => {
			const { assignment, ada } = await setUp();
			expect(
				await studentLessonView(
					repository,
					assignment,
					{ student: ada.student, resumeCode: ada.resumeCode },
					'no-such-lesson',
					NOW
				)
			).toBeUndefined();
		});
	});
});
