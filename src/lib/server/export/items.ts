/**
 * What an export carries: a module's questions, lesson by lesson. The public self-check items come
 * from the loaded course; held-back assessment items come from a separate source passed in by the
 * caller, so the exporters never decide on their own to include answer keys a class is graded on.
 */
import type { Module, Question } from '../../model/course.ts';
import type { PassMark } from '../../pass-mark.ts';

export interface ExportLesson {
	slug: string;
	title: string;
	passMark: PassMark;
	questions: Question[];
}

export interface ItemSet {
	/** `assessment` sets hold the keys of graded items: exporters say so in what they write. */
	kind: 'public' | 'assessment';
	lessons: ExportLesson[];
}

/** Where held-back items come from; `undefined` when the module has none. */
export type AssessmentSource = (module: Module) => ItemSet | undefined;

export function publicItems(module: Module): ItemSet {
	return {
		kind: 'public',
		lessons: module.lessons.map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title,
			passMark: lesson.quiz.passMark,
			questions: lesson.quiz.questions
		}))
	};
}

/**
 * The shape of the loader's held-back bank (model/assessment.ts on the branch that adds it): per
 * module, per lesson, slots of parallel variants. Written structurally so the export needs no
 * more than the loader's result.
 */
export interface HeldBackBank {
	modules: { module: string; lessons: { lesson: string; slots: { variants: Question[] }[] }[] }[];
}

/** Every variant of every slot, lesson by lesson, in the module's lesson order. */
export function assessmentItemsFrom(bank: HeldBackBank | undefined): AssessmentSource {
	return (module) => {
		const held = bank?.modules.find((candidate) => candidate.module === module.slug);
		if (!held) return undefined;
		const lessons = module.lessons.flatMap((lesson) => {
			const questions = held.lessons
				.filter((entry) => entry.lesson === lesson.slug)
				.flatMap((entry) => entry.slots.flatMap((slot) => slot.variants));
			return questions.length > 0
				? [{ slug: lesson.slug, title: lesson.title, passMark: lesson.quiz.passMark, questions }]
				: [];
		});
		return lessons.length > 0 ? { kind: 'assessment', lessons } : undefined;
	};
}

export function allQuestions(items: ItemSet): Question[] {
	return items.lessons.flatMap((lesson) => lesson.questions);
}

/**
 * The module's pass mark over all its lessons' quizzes: each lesson's pass mark weighted by its
 * number of questions, so a module whose lessons all pass at 80% passes at 80%.
 */
export function modulePassMark(items: ItemSet): PassMark {
	const total = allQuestions(items).length;
	if (total === 0) return 1;
	const weighted = items.lessons.reduce((sum, lesson) => sum + lesson.passMark * lesson.questions.length, 0);
	return Math.round((weighted / total) * 1000) / 1000;
}
