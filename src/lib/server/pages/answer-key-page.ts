/**
 * The teacher's answer key for a lesson (`/<module>/<lesson>/key`): the lesson's public self-check
 * questions with options, answers and explanations, rendered to markup at build time like the
 * lesson's own static parts. Never the held-back assessment items: those stay on the server.
 */
import QuestionSheet from '$lib/components/print/QuestionSheet.svelte';
import { mapActors } from '$lib/quiz/setup/quiz-setup-from-page';
import type { StaticHtml } from '$lib/static-html';
import { getLesson, getModule } from '../course';
import { collectedStyles, renderStatic } from './render-static';

export interface AnswerKeyPage {
	module: { slug: string; title: string };
	lesson: { slug: string; title: string };
	sheet: StaticHtml;
	styles: StaticHtml;
}

export function answerKeyPage(moduleSlug: string, lessonSlug: string): AnswerKeyPage {
	const module = getModule(moduleSlug);
	const { lesson } = getLesson(moduleSlug, lessonSlug);
	// Questions link to their lesson's sections and sources by fragment: on this page those point back to the lesson.
	const lessonPath = `/${module.slug}/${lesson.slug}`;
	const relink = (html: string) => html.replaceAll('href="#', `href="${lessonPath}#`);
	const questions = lesson.quiz.questions.map((question) => ({
		...question,
		promptHtml: relink(question.promptHtml),
		explanationHtml: relink(question.explanationHtml)
	}));
	const styles = new Map<string, string>();
	const sheet = renderStatic(QuestionSheet, { questions, actors: mapActors(module), withKey: true }, styles);
	return {
		module: { slug: module.slug, title: module.title },
		lesson: { slug: lesson.slug, title: lesson.title },
		sheet,
		styles: collectedStyles(styles)
	};
}
