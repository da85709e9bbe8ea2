/**
 * The parts of a lesson page where nothing is interactive (its top, its sections, its cited
 * sources, the links to the next lessons), rendered to markup on the server at build time
 * (svelte/server's `render`). The page inserts them with `{@html}`: they ship no component code
 * and cost no hydration, which on a slow phone is most of a lesson's start-up time. Their
 * components inject their styles, collected for the page's head.
 */
import LessonIntro from '$lib/components/LessonIntro.svelte';
import LessonNav from '$lib/components/LessonNav.svelte';
import LessonSections from '$lib/components/LessonSections.svelte';
import SourceList from '$lib/components/SourceList.svelte';
import type { MapActor } from '$lib/quiz/setup/map-actors';
import QuizPreview from '$lib/components/quiz/QuizPreview.svelte';
import QuestionSheet from '$lib/components/print/QuestionSheet.svelte';
import type { Lesson, LessonSummary, Source } from '$lib/model/course';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from './render-static';

export interface LessonStatic {
	intro: StaticHtml;
	sections: StaticHtml;
	sources: StaticHtml;
	nav: StaticHtml;
	/** The quiz as a list with its answers, for readers without JavaScript (the Quiz shows it in `<noscript>`). */
	quizPreview: StaticHtml;
	/** The questions with their options and no answers, for the printed lesson (shown only in print). */
	questionSheet: StaticHtml;
	/** Every `<style>` those parts need, once each. */
	styles: StaticHtml;
}

export function lessonStatic(
	moduleSlug: string,
	lesson: Lesson,
	cited: Source[],
	neighbours: { previous?: LessonSummary; next?: LessonSummary },
	actors: MapActor[]
): LessonStatic {
	const styles = new Map<string, string>();
	return {
		intro: renderStatic(LessonIntro, { lesson }, styles),
		sections: renderStatic(LessonSections, { sections: lesson.sections }, styles),
		sources: renderStatic(SourceList, { sources: cited, idPrefix: 'source-' }, styles),
		nav: renderStatic(LessonNav, { moduleSlug, previous: neighbours.previous, next: neighbours.next }, styles),
		quizPreview: renderStatic(QuizPreview, { questions: lesson.quiz.questions, actors, moduleSlug }, styles),
		questionSheet: renderStatic(QuestionSheet, { questions: lesson.quiz.questions }, styles),
		styles: collectedStyles(styles)
	};
}
