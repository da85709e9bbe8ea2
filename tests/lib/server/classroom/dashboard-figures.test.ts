/**
 * The dashboard's results as server-rendered markup: every row is there, user text stays text, and
 * the data the page keeps says how many rows there were without carrying them.
 */
import { describe, expect, it } from 'vitest';
import type { DashboardView } from '$lib/classroom/dashboard-view';
import { dashboardFigures } from '$lib/server/classroom/dashboard-figures';
import { histogramLayout } from '$lib/server/classroom/histogram';

const view: DashboardView = {
	assignment: {
		id: 'a1',
		title: 'The calls',
		joinCode: 'ABC-DEF',
		moduleTitle: 'Backchannel',
		lessons: [{ slug: 'calls', title: 'The calls', questions: 2 }],
		dueAt: null,
		passMark: 0.6,
		tries: 2,
		reveal: 'immediate',
		mode: 'practice',
		releasedAt: null,
		createdAt: Date.UTC(2026, 0, 1),
		state: { open: true }
	},
	roster: ['Ana', '<b>Boris</b>'].map((name, index) => ({
		studentId: `s${index}`,
		name,
		lessonsCompleted: 1,
		answered: 2,
		score: 0.5 * (index + 1),
		passed: index === 1,
		joinedAt: Date.UTC(2026, 0, 1, 9),
		lastActiveAt: Date.UTC(2026, 0, 1, 10),
		sameName: null
	})),
	questions: ['q1', 'q2'].map((questionId, index) => ({
		questionId,
		number: index + 1,
		lessonSlug: 'calls',
		lessonTitle: 'The calls',
		promptHtml: `<p>Question ${index + 1}?</p>`,
		answered: 2,
		correctShare: 0.5,
		commonWrong: null,
		discrimination: null,
		variant: null
	})),
	histogram: histogramLayout([0.5, 1], 0.6),
	discriminationMinimum: 5
};

const { summary, figures } = await dashboardFigures(view);

describe('dashboardFigures', () => {
	it('renders every student, question and band, with names as text', () => {
		expect(figures.roster.html.match(/<tr>/g)).toHaveLength(3);
		expect(figures.roster.html).toContain('&lt;b>Boris&lt;/b>');
		expect(figures.roster.html).not.toContain('<b>Boris</b>');
		for (const question of view.questions)
			expect(figures.questions.html).toContain(`data-question="${question.questionId}"`);
		expect(figures.questions.html).toContain('<p>Question 2?</p>');
		expect(figures.histogram.html.replace(/\s+/g, ' ')).toContain('Scores of the 2 students');
		expect(figures.styles.html).toContain('<style id="svelte-');
	});

	it('renders the remove and merge forms as plain forms, names as text', () => {
		expect(figures.studentAdmin.html).toContain('action="?/removeStudent"');
		expect(figures.studentAdmin.html).toContain('action="?/mergeStudents"');
		expect(figures.studentAdmin.html.match(/<option value="s1"/g)).toHaveLength(3);
		expect(figures.studentAdmin.html).toContain('&lt;b>Boris&lt;/b>');
	});

	it('keeps the counts, not the rows, in the page data', () => {
		expect(summary).toMatchObject({
			studentCount: 2,
			questionCount: 2,
			discriminationMinimum: 5,
			assignment: view.assignment
		});
		expect(summary).not.toHaveProperty('roster');
		expect(summary).not.toHaveProperty('questions');
		expect(summary).not.toHaveProperty('histogram');
	});
});
