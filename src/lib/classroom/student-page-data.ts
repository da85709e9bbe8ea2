/**
 * What a signed-in student's pages receive: their own progress only, each question without its
 * key (`PublicQuestion`), and feedback, answers and explanations only as far as the
 * assignment's reveal setting allows at that moment.
 */
import type { MapActor } from '$lib/quiz/setup/map-actors';
import type { Section, Source } from '$lib/model/course';
import type { PassMark } from '$lib/pass-mark';
import type { Response } from '$lib/quiz/grade';
import type { PublicQuestion } from '$lib/quiz/public-question';

export interface AssignmentSummary {
	id: string;
	title: string;
	dueAt: number | null;
	passMark: PassMark;
	tries: number;
	reveal: 'immediate' | 'after-due';
	state: { open: true } | { open: false; reason: 'closed' | 'past-due'; since: number };
	/** Whether right/wrong, answers and explanations may be shown now. */
	revealed: boolean;
}

export interface StudentTry {
	number: number;
	/** The answer in words. */
	answer: string;
	/** Right or wrong and the score, once revealed. */
	result: { correct: boolean; score: number } | null;
}

export interface StudentQuestionView {
	/** Options in this student's own order, no key. */
	question: PublicQuestion;
	/** 1-based within the lesson. */
	number: number;
	tries: StudentTry[];
	/** The try number the next hand-in must carry. */
	nextTry: number;
	triesLeft: number;
	finished: boolean;
	/** The last answer handed in, to show it or start the next try from it. */
	lastResponse: Response | null;
	/** Per-part marks of the last try, once finished and revealed. */
	marks: Record<string, boolean> | null;
	/** The key in words and the explanation, once finished and revealed. */
	solution: { answer: string; explanationHtml: string } | null;
	/** The lesson section the question tests. */
	reviewHref: string;
}

export interface LessonProgress {
	slug: string;
	title: string;
	answered: number;
	questions: number;
	completed: boolean;
}

export interface StudentOverview {
	assignment: AssignmentSummary;
	/** `null` for a student who signed in through an LMS. */
	student: { name: string; resumeCode: string | null };
	lessons: LessonProgress[];
	/** Score over the whole assignment and whether it reaches the pass mark, once revealed. */
	result: { score: number; passed: boolean } | null;
	answered: number;
	questions: number;
}

export interface StudentLessonView {
	assignment: AssignmentSummary;
	student: { name: string };
	/** The lesson's text (rendered at build time) and the sources it cites, to read before answering. */
	lesson: { slug: string; title: string; summary: string; href: string; sections: Section[]; sources: Source[] };
	/** 1-based place among the assignment's lessons, with its neighbours. */
	position: number;
	lessonCount: number;
	previous: { slug: string; title: string } | null;
	next: { slug: string; title: string } | null;
	questions: StudentQuestionView[];
	/** For map questions: the module's actors (the map's text equivalent) and the lesson's own. */
	actors: MapActor[];
	focus: string[];
}
