/**
 * The module the endpoint tests' app serves (the classroom fixture, never the real module: see
 * `startApp`) and the questions they answer, read from it.
 */
import type { Question } from '$lib/model/course';
import { CLASSROOM_LESSONS, fixtureCourse } from '../fixtures/fixture-course';

type Single = Extract<Question, { type: 'single' }>;

/** The lessons folder the app under test is built from. */
export const LESSONS_DIR = CLASSROOM_LESSONS;

const { course } = await fixtureCourse(LESSONS_DIR);
const module = course.modules.find((candidate) => candidate.slug === 'classroom-calls');
const lesson = module?.lessons[0];
if (!module || !lesson) throw new Error(`the classroom-calls module in ${LESSONS_DIR} or its first lesson is missing`);

export const MODULE = module.slug;
export const LESSON = lesson.slug;

const singles = lesson.quiz.questions.filter((question): question is Single => question.type === 'single');
const single = singles[0];
if (!single) throw new Error(`lesson ${lesson.slug} has no single-choice question`);
export const SINGLE: Single = single;

export function wrongOption(question: Single): string {
	const option = question.options.find((candidate) => candidate.id !== question.answer);
	if (!option) throw new Error(`question ${question.id} has no wrong option`);
	return option.id;
}

/** The form fields that hand in `choice` for a single-choice question as try `tryNumber`. */
export function singleAnswer(question: Single, choice: string, tryNumber = 1): Record<string, string> {
	return { question: question.id, try: String(tryNumber), [`answer.${question.id}`]: choice };
}
