/**
 * Assessed assignments on the fixture module (whose lesson has three held-back slots): the draw,
 * grading of a student's own variants only, the reveal policy, releasing the answers, the
 * teacher's preview and the per-variant item analysis. Real SQLite store in a temp folder.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssessmentSlot } from '$lib/model/assessment';
import { drawItems, variantIndex } from '$lib/server/assessment/draw';
import { submitAnswer } from '$lib/server/classroom/answers';
import { assessmentPreview } from '$lib/server/classroom/assessment-preview';
import { assignedLessons, teacherItems } from '$lib/server/classroom/assigned-lessons';
import { readAssignmentSettings, type AssignmentSettings } from '$lib/server/classroom/assignment-settings';
import { createAssignment } from '$lib/server/classroom/assignments';
import { dashboardView, resultsCsv } from '$lib/server/classroom/dashboard';
import { dashboardFigures } from '$lib/server/classroom/dashboard-figures';
import { answerKey } from '$lib/server/classroom/describe';
import { studentLessonView } from '$lib/server/classroom/student-view';
import { joinAssignment, type JoinedStudent } from '$lib/server/classroom/students';
import { getCourse } from '$lib/server/course';
import { openRepository, type AssignmentRecord, type ClassroomRepository } from '$lib/server/db';
import type { Response } from '$lib/quiz/grade';
import type { Question } from '$lib/model/course';

// The classroom reads the course and the bank from the lessons plugin's modules: serve the fixture.
vi.mock('virtual:backchannel/course', async () => {
	const { loadCourse } = await import('$lib/server/content/load-course');
	return { course: (await loadCourse('tests/fixtures/courses/valid')).course };
});
vi.mock('virtual:backchannel/assessment', async () => {
	const { loadCourse } = await import('$lib/server/content/load-course');
	return { assessment: (await loadCourse('tests/fixtures/courses/valid')).assessment };
});

const { assessmentBank } = await import('$lib/server/assessment/bank');
const slots: AssessmentSlot[] = assessmentBank().modules[0]?.lessons[0]?.slots ?? [];
const NOW = Date.UTC(2026, 0, 10, 12);
const settings = (overrides: Partial<AssignmentSettings> = {}): AssignmentSettings => ({
	title: 'Year 11',
	moduleSlug: 'mini-module',
	lessons: ['the-call'],
	dueAt: NOW + 60_000,
	passMark: 0.8,
	tries: 2,
	reveal: 'after-due',
	mode: 'assessed',
	...overrides
});

let dataDir: string;
let repository: ClassroomRepository;
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-assessed-'));
	repository = openRepository(dataDir);
});
afterEach(() => {
	repository.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function wrongResponse(question: Question): Response {
	const key = answerKey(question);
	if (key.type === 'single' && question.type === 'single')
		return { type: 'single', choice: question.options.find((option) => option.id !== question.answer)?.id ?? '' };
	if (key.type === 'truefalse') return { type: 'truefalse', value: !key.value };
	if (key.type === 'classification')
		return { type: 'classification', kinds: Object.fromEntries(Object.keys(key.kinds).map((id) => [id, 'opinion'])) };
	throw new Error(`no wrong answer written for ${question.type}`);
}

function hand(assignment: AssignmentRecord, joined: JoinedStudent, questionId: string, response: Response, now = NOW) {
	return submitAnswer(repository, { assignment, student: joined.student, questionId, tryNumber: 1, response, now });
}

describe('the draw', () => {
	// Ids shaped like the store's (22 base64url characters of random-looking bytes), fixed so the
	// test is deterministic.
	const students = Array.from({ length: 30 }, (_, index) =>
		createHash('sha256').update(`student ${index}`).digest('base64url').slice(0, 22)
	);

	it('gives each student one variant of every slot, the same on every draw', () => {
		for (const student of students) {
			const drawn = drawItems(slots, 'assignment-1', student);
			expect(drawn.map((item) => item.slot.id)).toEqual(slots.map((slot) => slot.id));
			expect(drawItems(slots, 'assignment-1', student)).toEqual(drawn);
		}
	});

	it('spreads 30 students over the variants: each variant of a 2-variant slot at least 5 times', () => {
		const twoVariantSlots = slots.filter((slot) => slot.variants.length === 2);
		expect(twoVariantSlots.length).toBeGreaterThan(0);
		for (const slot of slots) {
			const counts = new Array<number>(slot.variants.length).fill(0);
			for (const student of students) counts[variantIndex('assignment-1', student, slot.id, slot.variants.length)]!++;
			for (const count of counts) expect(count).toBeGreaterThanOrEqual(slot.variants.length === 2 ? 5 : 1);
		}
	});

	it('draws again for another assignment, so a student does not carry one paper everywhere', () => {
		const papers = (assignment: string) =>
			students.map((student) =>
				drawItems(slots, assignment, student)
					.map((item) => item.variant)
					.join()
			);
		expect(papers('assignment-2')).not.toEqual(papers('assignment-1'));
	});
});

describe('an assessed assignment', () => {
	async function setUp(overrides: Partial<AssignmentSettings> = {}) {
		const { assignment, dashboardKey } = await createAssignment(repository, settings(overrides), NOW);
		const ada = await joinAssignment(repository, assignment, 'Ada', NOW);
		const ben = await joinAssignment(repository, assignment, 'Ben', NOW);
		return { assignment, dashboardKey, ada, ben };
	}
	const view = (assignment: AssignmentRecord, joined: JoinedStudent, now: number) =>
		studentLessonView(
			repository,
			assignment,
			{ student: joined.student, resumeCode: joined.resumeCode },
			'the-call',
			now
		);

	it('is the default when the chosen lessons have held-back items', () => {
		const form = new FormData();
		for (const [name, value] of Object.entries({ title: 'x', passMark: '80', tries: '2', reveal: 'immediate' }))
			form.set(name, value);
		form.set('lessons', 'mini-module/the-call');
		const reading = readAssignmentSettings(form, getCourse(), NOW);
		expect(reading.ok && reading.settings.mode).toBe('assessed');
		form.set('mode', 'practice');
		const practice = readAssignmentSettings(form, getCourse(), NOW);
		expect(practice.ok && practice.settings.mode).toBe('practice');
	});

	it('asks each student their drawn variants, never the public questions, with no key in the page', async () => {
		const { assignment, ada } = await setUp();
		const asked = assignedLessons(assignment, ada.student.id).questions.map((entry) => entry.question.id);
		expect(asked).toEqual(drawItems(slots, assignment.id, ada.student.id).map((item) => item.question.id));
		const page = await view(assignment, ada, NOW);
		expect(page?.questions.map((entry) => entry.question.id)).toEqual(asked);
		const text = JSON.stringify(page);
		expect(text).not.toMatch(/"answer"|explanationHtml":"[^"]|hintHtml/);
		expect(text).not.toContain('who-called');
	});

	it('grades a student’s own variant and refuses another student’s or a public question', async () => {
		const { assignment, ada } = await setUp();
		const own = assignedLessons(assignment, ada.student.id).questions[0]?.question;
		const slot = slots[0];
		const other = slot?.variants.find((variant) => variant.id !== own?.id);
		if (!own || !other) throw new Error('the fixture needs two variants in its first slot');
		expect(await hand(assignment, ada, own.id, answerKey(own))).toMatchObject({ ok: true, status: 'recorded' });
		expect(await hand(assignment, ada, other.id, answerKey(other))).toMatchObject({ ok: false, status: 404 });
		expect(await hand(assignment, ada, 'who-called', { type: 'single', choice: 'ana' })).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('after the due date shows every key and explanation, answered or not, tries left or not', async () => {
		const { assignment, ada } = await setUp({ tries: 3 });
		const [first] = assignedLessons(assignment, ada.student.id).questions;
		if (!first) throw new Error('no question drawn');
		await hand(assignment, ada, first.question.id, wrongResponse(first.question));
		const before = await view(assignment, ada, NOW + 1);
		expect(before?.questions.map((entry) => entry.solution)).toEqual([null, null, null]);
		const after = await view(assignment, ada, NOW + 60_000);
		expect(after?.questions.map((entry) => [entry.triesLeft, entry.solution !== null])).toEqual([
			[2, true],
			[3, true],
			[3, true]
		]);
		expect(after?.questions[2]?.solution?.explanationHtml).toMatch(/called back|call back/);
	});

	it('when the teacher releases the answers: every student sees every key, and no more answers are taken', async () => {
		const { assignment, ada, ben } = await setUp({ dueAt: null, reveal: 'immediate' });
		expect(await repository.releaseAnswers(assignment.id, NOW + 5)).toBe(true);
		const released = await repository.findAssignment(assignment.id);
		if (!released) throw new Error('the assignment is gone');
		expect(released).toMatchObject({ releasedAt: NOW + 5, closedAt: NOW + 5 });
		for (const student of [ada, ben]) {
			const page = await view(released, student, NOW + 6);
			expect(page?.questions.every((entry) => entry.solution !== null)).toBe(true);
		}
		const [first] = assignedLessons(released, ada.student.id).questions;
		expect(await hand(released, ada, first?.question.id ?? '', answerKey(first!.question), NOW + 7)).toMatchObject({
			ok: false,
			status: 403
		});
	});

	it('previews every slot and variant with its key for the teacher', async () => {
		const { assignment } = await setUp();
		const preview = assessmentPreview(assignment);
		expect(preview.slots.map((slot) => [slot.number, slot.id, slot.variants.map((variant) => variant.label)])).toEqual([
			[1, 'held-caller', ['A', 'B']],
			[2, 'held-denial', ['A', 'B']],
			[3, 'held-callback', ['A', 'B', 'C']]
		]);
		expect(preview.slots[0]?.variants[1]).toMatchObject({
			id: 'held-caller-b',
			answer: 'Quillon Aide in the East',
			choices: ['Quillon Envoy of the West', 'Quillon Aide in the East']
		});
		expect(preview.slots[0]?.variants[0]?.hintHtml).toContain('Zephyr hint');
	});
});

describe('item analysis per variant', () => {
	it('gives each variant its share correct and flags one 25+ points off its siblings once 10+ answered it', async () => {
		const { assignment } = await createAssignment(repository, settings({ reveal: 'immediate', tries: 1 }), NOW);
		// Everyone gets the first slot right on variant A and wrong on variant B.
		for (let index = 0; index < 40; index++) {
			const joined = await joinAssignment(repository, assignment, `Student ${index}`, NOW);
			const [first] = assignedLessons(assignment, joined.student.id).questions;
			if (!first) throw new Error('no question drawn');
			const right = first.question.id === 'held-caller-a';
			await hand(
				assignment,
				joined,
				first.question.id,
				right ? answerKey(first.question) : wrongResponse(first.question)
			);
		}
		const dashboard = await dashboardView(repository, assignment, NOW + 1);
		const rows = dashboard.questions.filter((row) => row.variant?.slotId === 'held-caller');
		expect(rows.map((row) => row.questionId)).toEqual(['held-caller-a', 'held-caller-b']);
		expect(rows.every((row) => row.answered >= 10)).toBe(true);
		expect(rows.map((row) => [row.variant?.label, row.correctShare, row.variant?.siblingShare])).toEqual([
			['A', 1, 0],
			['B', 0, 1]
		]);
		expect(rows[1]?.commonWrong?.text).toBe('Quillon Envoy of the West');
		// The other slots were not answered: nothing to compare, nothing flagged.
		expect(
			dashboard.questions.filter((row) => row.variant?.slotId !== 'held-caller').map((row) => row.variant?.siblingShare)
		).toEqual([null, null, null, null, null]);
		expect(teacherItems(assignment).questions).toHaveLength(7);
		// Each student answers 3 questions, though the table has a row for each of the 7 variants.
		expect((await dashboardFigures(dashboard)).summary.questionCount).toBe(3);
		const header = (await resultsCsv(repository, assignment)).split('\r\n')[0];
		expect(header).toContain('Q1 held-caller (%),Q2 held-denial (%),Q3 held-callback (%)');
		// The pass mark, 0.8 in code, is a percentage only where it is shown.
		expect(header).toContain(',Passed (pass mark 80%),');
	});
});
