/**
 * The dashboard's results (the class list, the score histogram, the per-question table) as static
 * markup, rendered on the server for each request. Nothing in them is interactive, yet hydrating
 * them would cost the browser a row of work per student and per question, and send every row twice
 * (markup and data); as markup they cost nothing to hydrate, and the page's data carries
 * placeholders for them (see static-html-once.ts).
 */
import type { DashboardView } from '$lib/classroom/dashboard-view';
import QuestionStats from '$lib/components/classroom/QuestionStats.svelte';
import RosterRows from '$lib/components/classroom/RosterRows.svelte';
import RosterTable from '$lib/components/classroom/RosterTable.svelte';
import ScoreHistogram from '$lib/components/classroom/ScoreHistogram.svelte';
import StudentAdmin from '$lib/components/classroom/StudentAdmin.svelte';
import StudentOptions from '$lib/components/classroom/StudentOptions.svelte';
import type { StaticHtml } from '$lib/static-html';
import { collectedStyles, renderStatic } from '../pages/render-static';
import { DASHBOARD_SLICE, yieldToEventLoop } from './event-loop.ts';

export interface DashboardFigures {
	roster: StaticHtml;
	/** The forms that remove a student or merge two. */
	studentAdmin: StaticHtml;
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

/** Renders each slice of `rows`, giving the event loop back between slices. */
async function renderSliced<Row>(rows: readonly Row[], render: (slice: Row[]) => StaticHtml): Promise<string> {
	let html = '';
	for (let start = 0; start < rows.length; start += DASHBOARD_SLICE) {
		html += render(rows.slice(start, start + DASHBOARD_SLICE)).html;
		await yieldToEventLoop();
	}
	return html;
}

/**
 * Rendering a 1,000-student roster (and its three lists of students) in one go holds the event
 * loop for hundreds of milliseconds, so the rows are rendered a slice at a time.
 */
export async function dashboardFigures(
	view: DashboardView
): Promise<{ summary: DashboardSummary; figures: DashboardFigures }> {
	const { roster, questions, histogram, ...rest } = view;
	// What each student answers: in an assessed assignment the table has a row per variant instead.
	const questionCount = view.assignment.lessons.reduce((sum, lesson) => sum + lesson.questions, 0);
	const styles = new Map<string, string>();
	const counts = { lessonCount: view.assignment.lessons.length, questionCount };
	const rowsHtml = await renderSliced(roster, (rows) => renderStatic(RosterRows, { rows, ...counts }, styles));
	const optionsHtml = await renderSliced(roster, (rows) => renderStatic(StudentOptions, { rows }, styles));
	const figures = {
		roster: renderStatic(RosterTable, { roster, ...counts, rowsHtml }, styles),
		studentAdmin: renderStatic(StudentAdmin, { count: roster.length, optionsHtml }, styles),
		histogram: renderStatic(ScoreHistogram, { layout: histogram }, styles),
		questions: renderStatic(QuestionStats, { questions, minimum: view.discriminationMinimum }, styles),
		styles: collectedStyles(styles)
	};
	return { summary: { ...rest, studentCount: roster.length, questionCount }, figures };
}
