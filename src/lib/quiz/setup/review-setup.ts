/** The runner's setup for a module's review page: questions from every lesson, linked back to them. */
import type { LessonSummary, Question, Source } from '$lib/model/course';
import type { PassMark } from '$lib/pass-mark';
import { mapActors, type QuizPageModule } from './quiz-setup-from-page';
import type { QuizSetup } from './quiz-setup';

/** What the review page reads about the module: its lessons, every source, and what a lesson's quiz reads. */
export type ReviewModule = QuizPageModule & {
	title: string;
	lessons: Pick<LessonSummary, 'slug' | 'title'>[];
	sources: Source[];
};

export interface ReviewQuestion {
	lesson: string;
	lessonTitle: string;
	sectionTitle: string;
	question: Question;
}

/** Review rounds use the usual rules: two tries, a hint after a wrong one. */
export const REVIEW_TRIES = 2;
export const REVIEW_PASS_MARK: PassMark = 0.8;

export function reviewSetup(
	module: ReviewModule,
	all: ReviewQuestion[],
	questionIds: string[],
	fresh: boolean
): QuizSetup {
	const byId = new Map(all.map((entry) => [entry.question.id, entry]));
	const outlets = new Map(module.sources.map((source) => [source.id, source.outlet]));
	return {
		moduleSlug: module.slug,
		sessionKey: 'review',
		during: 'review',
		questions: questionIds.flatMap((id) => byId.get(id)?.question ?? []),
		passMark: REVIEW_PASS_MARK,
		tries: REVIEW_TRIES,
		actors: mapActors(module),
		lessonOf: (id) => byId.get(id)?.lesson ?? '',
		sectionOf: (question) => {
			const entry = byId.get(question.id);
			return {
				href: `/${module.slug}/${entry?.lesson ?? ''}#${question.section}`,
				title: `${entry?.sectionTitle ?? question.section} (${entry?.lessonTitle ?? ''})`
			};
		},
		sourceOf: (id) => (outlets.has(id) ? { href: `#source-${id}`, label: outlets.get(id) ?? id } : undefined),
		fresh
	};
}
