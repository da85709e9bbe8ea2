/**
 * The dashboard's results (the class list, the score histogram, the per-question table) as static
 * markup, rendered on the server for each request. Nothing in them is interactive, yet hydrating
 * them would cost the browser a row of work per student and per question, and send every row twice
 * (markup and data); as markup they cost nothing to hydrate, and the page's data carries
 * placeholders for them (see static-html-once.ts).
 */
import type { DashboardView } from '$lib/classroom/dashboard-view';
import QuestionStats from '$lib/components/classroom/QuestionStats.svelte';
import RosterTable from '$lib/components/classroom/RosterTable.svelte';
import ScoreHistogram from '$lib/components/classroom/ScoreHistogram.svelte';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from '../render-static';

export interface DashboardFigures {
	roster: StaticHtml;
	histogram: StaticHtml;
	questions: StaticHtml;
	/** Their styles (the components inject them), for the page's head. */
	styles: StaticHtml;
}

/** The view without the parts drawn as figures, and how many rows each held. */
export type DashboardSummary = Omit<DashboardView, 'roster' | 'questions' | 'histogram'> & {
	studentCount: number;
	questionCount: number;
};

export function dashboardFigures(view: DashboardView): { summary: DashboardSummary; figures: DashboardFigures } {
	const { roster, questions, histogram, ...rest } = view;
	// What each student answers: in an assessed assignment the table has a row per variant instead.
	const questionCount = view.assignment.lessons.reduce((sum, lesson) => sum + lesson.questions, 0);
	const styles = new Map<string, string>();
	const figures = {
		roster: renderStatic(RosterTable, { roster, lessonCount: view.assignment.lessons.length, questionCount }, styles),
		histogram: renderStatic(ScoreHistogram, { layout: histogram }, styles),
		questions: renderStatic(QuestionStats, { questions, minimum: view.discriminationMinimum }, styles),
		styles: collectedStyles(styles)
	};
	return { summary: { ...rest, studentCount: roster.length, questionCount }, figures };
}
