/**
 * What each page's `load` returns: only what that page renders, selected from the course. Every
 * page is prerendered with its data serialized into it, so whatever a page does not show (every
 * actor's bio on a lesson, every lesson's sections on the catalogue) would still be paid for by
 * every visitor. Routes call these and stay thin.
 */
import type { LessonSummary, Module, Source } from '$lib/model/course';
import { mapActors, type QuizLesson, type QuizPageModule } from '$lib/quiz/setup/quiz-setup-from-page';
import type { ReviewModule, ReviewQuestion } from '$lib/quiz/setup/review-setup';
import type { TimelineModule } from '$lib/timeline/events';
import type { CastModule, MapModule } from '$lib/network/map-data';
import { getCourse, getLesson, getModule, summarizeLesson } from '../course';
import { lessonFigure, moduleFigure, type MapFigure } from './map-figure';
import { lessonStatic, type LessonStatic } from './lesson-static';
import { toMapModule } from './map-module';
import { timelineFigure, type TimelineFigure } from './timeline-figure';

/** What the catalogue and the overview both say of a module. */
type ModuleHeadline = Pick<Module, 'slug' | 'title' | 'summary' | 'audience' | 'minutes' | 'objectives'>;

function headline({ slug, title, summary, audience, minutes, objectives }: Module): ModuleHeadline {
	return { slug, title, summary, audience, minutes, objectives };
}

/** A module as the catalogue lists it. */
export interface CatalogueModule extends ModuleHeadline {
	lessons: { slug: string; title: string; minutes: number }[];
}

export function catalogue(): CatalogueModule[] {
	return getCourse().modules.map((module) => ({
		...headline(module),
		lessons: module.lessons.map((lesson) => ({ slug: lesson.slug, title: lesson.title, minutes: lesson.minutes }))
	}));
}

/** The module's overview: its lessons, its cast by name, what the explore pages hold, its main sources. */
export interface ModuleOverview extends ModuleHeadline {
	lessons: LessonSummary[];
	actors: { id: string; name: string; role: string }[];
	eventCount: number;
	sourceCount: number;
	mainSources: Source[];
	/** The last day of the reporting the module draws on, when the module file gives it. */
	asOf?: string;
}

export function moduleOverview(slug: string): ModuleOverview {
	const module = getModule(slug);
	return {
		...headline(module),
		lessons: module.lessons.map(summarizeLesson),
		actors: module.actors.map(({ id, name, role }) => ({ id, name, role })),
		eventCount: module.events.length,
		sourceCount: module.sources.length,
		mainSources: module.mainSources.flatMap((id) => module.sources.find((source) => source.id === id) ?? []),
		asOf: module.asOf
	};
}

/** The sources page: every source, in full. */
export function sourcesPage(slug: string): { slug: string; title: string; sources: Source[] } {
	const { title, sources } = getModule(slug);
	return { slug, title, sources };
}

/** The timeline page: the timeline prerendered, and what its live version reads (events, layout, sources by name). */
export function timelinePage(slug: string): { module: TimelineModule; figure: TimelineFigure } {
	const { title, events, tracks, relationKinds, timeline, sources } = getModule(slug);
	const module = {
		slug,
		title,
		events,
		tracks,
		relationKinds,
		timeline,
		sources: sources.map(({ id, outlet }) => ({ id, outlet }))
	};
	return { module, figure: timelineFigure(module) };
}

/** The review page: every question of the module with where it comes from (which are queued is only known in the browser). */
export function reviewPage(slug: string): { module: ReviewModule; questions: ReviewQuestion[] } {
	const module = getModule(slug);
	return {
		module: {
			slug,
			title: module.title,
			lessons: module.lessons.map(({ slug: lesson, title }) => ({ slug: lesson, title })),
			sources: module.sources,
			sides: module.sides,
			actors: module.actors.map(({ id, name, side }) => ({ id, name, side }))
		},
		questions: module.lessons.flatMap((lesson) =>
			lesson.quiz.questions.map((question) => ({
				lesson: lesson.slug,
				lessonTitle: lesson.title,
				sectionTitle: lesson.sections.find((section) => section.id === question.section)?.title ?? question.section,
				question
			}))
		)
	};
}

/** The map page: the module's full map, prerendered; its live version fetches the map data. */
export function mapPage(slug: string): { module: { slug: string; title: string }; figure: MapFigure } {
	const module = getModule(slug);
	return { module: { slug, title: module.title }, figure: moduleFigure(module) };
}

/** The people page: every actor with what their card shows (the page ships no script: `csr = false`). */
export function peoplePage(slug: string): { module: CastModule } {
	const { network: _layout, ...module } = toMapModule(getModule(slug));
	return { module };
}

/** The network map's data, for `/<module>/map.json`. */
export function mapModule(slug: string): MapModule {
	return toMapModule(getModule(slug));
}

export interface LessonPage {
	module: { slug: string; title: string; lessonCount: number };
	lesson: { slug: string; title: string; summary: string };
	position: number;
	/** The lesson's text, objectives, cited sources and the links onwards, prerendered (see lesson-static.ts). */
	static: LessonStatic;
	/** The network map of the lesson, prerendered, and what its live version needs. */
	figure: MapFigure;
	/**
	 * What the quiz reads: the lesson's questions and its sections' titles; about the module, every
	 * actor (a map question offers the whole cast) with the sides' names, or none when the quiz has
	 * no map question, and the names of the sources it cites.
	 */
	quiz: { lesson: QuizLesson; module: QuizPageModule };
}

export function lessonPage(moduleSlug: string, lessonSlug: string): LessonPage {
	const module = getModule(moduleSlug);
	const { lesson, index } = getLesson(moduleSlug, lessonSlug);
	const cited = lesson.cited.flatMap((id) => module.sources.find((source) => source.id === id) ?? []);
	const hasMapQuestion = lesson.quiz.questions.some((question) => question.type === 'map');
	const previous = module.lessons[index - 1];
	const next = module.lessons[index + 1];
	const quizModule: QuizPageModule = {
		slug: module.slug,
		sides: hasMapQuestion ? module.sides : [],
		actors: hasMapQuestion ? module.actors.map(({ id, name, side }) => ({ id, name, side })) : [],
		sources: cited.map(({ id, outlet }) => ({ id, outlet }))
	};
	return {
		module: { slug: module.slug, title: module.title, lessonCount: module.lessons.length },
		lesson: { slug: lesson.slug, title: lesson.title, summary: lesson.summary },
		position: index + 1,
		static: lessonStatic(
			module.slug,
			lesson,
			cited,
			{ previous: previous && summarizeLesson(previous), next: next && summarizeLesson(next) },
			mapActors(quizModule)
		),
		figure: lessonFigure(module, lesson),
		quiz: {
			lesson: {
				slug: lesson.slug,
				focus: lesson.focus,
				quiz: lesson.quiz,
				sections: lesson.sections.map(({ id, title }) => ({ id, title }))
			},
			module: quizModule
		}
	};
}
