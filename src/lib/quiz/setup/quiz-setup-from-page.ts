/** The runner's setup for a lesson page, from what the page's load gave it. */
import type { Actor, Labelled, Lesson, Section, Source } from '$lib/model/course';
import type { MapActor } from './map-actors';
import type { QuizSetup } from './quiz-setup';

/** What the quiz reads about the module on a lesson page (the page's load selects just this). */
export interface QuizPageModule {
	slug: string;
	sides: Labelled[];
	actors: Pick<Actor, 'id' | 'name' | 'side'>[];
	sources: Pick<Source, 'id' | 'outlet'>[];
}

/** What the quiz reads about the lesson: its questions, its sections' titles, its actors. */
export type QuizLesson = Pick<Lesson, 'slug' | 'focus' | 'quiz'> & { sections: Pick<Section, 'id' | 'title'>[] };

export function mapActors(module: Pick<QuizPageModule, 'actors' | 'sides'>): MapActor[] {
	const sides = new Map(module.sides.map((side) => [side.id, side.label]));
	return module.actors.map((actor) => ({ id: actor.id, name: actor.name, side: sides.get(actor.side) ?? actor.side }));
}

export function lessonQuizSetup(lesson: QuizLesson, module: QuizPageModule): QuizSetup {
	const sections = new Map(lesson.sections.map((section) => [section.id, section.title]));
	const outlets = new Map(module.sources.map((source) => [source.id, source.outlet]));
	return {
		moduleSlug: module.slug,
		sessionKey: lesson.slug,
		during: 'lesson',
		questions: lesson.quiz.questions,
		passMark: lesson.quiz.passMark,
		tries: lesson.quiz.tries,
		actors: mapActors(module),
		focus: lesson.focus.actors,
		lessonOf: () => lesson.slug,
		sectionOf: (question) => ({
			href: `#${question.section}`,
			title: sections.get(question.section) ?? question.section
		}),
		sourceOf: (id) => (outlets.has(id) ? { href: `#source-${id}`, label: outlets.get(id) ?? id } : undefined)
	};
}
