/**
 * The held-back assessment bank: items that exist only on the server. These types are shared by
 * the loader and the classroom's server code; no route that a learner loads before handing in
 * ever receives a value of them (see `src/lib/server/assessment/`).
 */
import type { Question, QuestionType } from './course.ts';

/** One objective, tested by 2 to 4 parallel variants; each student is given one of them. */
export interface AssessmentSlot {
	id: string;
	objective: string;
	type: QuestionType;
	/** Held-back questions, each with its hint. */
	variants: Question[];
}

export interface LessonAssessment {
	lesson: string;
	slots: AssessmentSlot[];
}

export interface ModuleAssessment {
	module: string;
	/** Only the lessons that have held-back items. */
	lessons: LessonAssessment[];
}

export interface AssessmentBank {
	modules: ModuleAssessment[];
}
