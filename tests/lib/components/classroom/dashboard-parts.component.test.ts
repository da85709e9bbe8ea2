import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { QuestionStat, RosterRow } from '$lib/classroom/dashboard-view';
import ErrorSummary from '$lib/components/classroom/ErrorSummary.svelte';
import QuestionStats from '$lib/components/classroom/QuestionStats.svelte';
import RosterTable from '$lib/components/classroom/RosterTable.svelte';
import ScoreHistogram from '$lib/components/classroom/ScoreHistogram.svelte';
import { histogramLayout } from '$lib/server/classroom/histogram';

describe('ScoreHistogram', () => {
	it('draws one bar per non-empty band, described in words, with the same numbers in a table', () => {
		const { container } = render(ScoreHistogram, { layout: histogramLayout([0.05, 0.5, 0.55, 1], 0.6) });
		expect(container.querySelectorAll('rect.bar')).toHaveLength(3);
		const figure = screen.getByRole('img', { name: /Scores of the 4 students who have answered/ });
		expect(figure.querySelector('desc')?.textContent).toBe(
			'1 student at 0–9%, 2 students at 50–59%, 1 student at 90–100%.'
		);
		const table = screen.getByRole('table', { name: 'Scores by band' });
		expect(within(table).getByRole('rowheader', { name: '50–59%' }).nextElementSibling?.textContent).toBe('2');
		expect(within(table).getAllByRole('row')).toHaveLength(11);
		expect(container.querySelector('.pass-label')?.textContent).toBe('pass 60%');
	});
});

describe('RosterTable', () => {
	const row: RosterRow = {
		studentId: 's1',
		name: '<img src=x onerror=alert(1)>',
		lessonsCompleted: 1,
		answered: 11,
		score: 0.726,
		passed: false,
		joinedAt: Date.UTC(2026, 0, 1, 9, 0),
		lastActiveAt: Date.UTC(2026, 0, 1, 9, 30),
		sameName: null
	};

	it('shows names as text and every figure in words', () => {
		const { container } = render(RosterTable, { roster: [row], lessonCount: 2, questionCount: 22 });
		expect(container.querySelector('img')).toBeNull();
		const cells = within(screen.getByRole('row', { name: /img src=x/ }))
			.getAllByRole('cell')
			.map((cell) => cell.textContent);
		expect(cells).toEqual(['1 of 2', '11 of 22', '73%', 'Not yet', '1 Jan 2026, 09:30 UTC']);
	});

	it('says so when nobody has joined', () => {
		render(RosterTable, { roster: [], lessonCount: 1, questionCount: 1 });
		expect(screen.getByText(/No students have joined yet/)).toBeTruthy();
	});
});

describe('QuestionStats', () => {
	const stat = (overrides: Partial<QuestionStat>): QuestionStat => ({
		questionId: 'q1',
		number: 1,
		lessonSlug: 'context',
		lessonTitle: 'Context',
		promptHtml: '<p>Who called?</p>',
		answered: 6,
		correctShare: 0.5,
		commonWrong: { text: 'Boris Aide', count: 2 },
		discrimination: 0.45,
		variant: null,
		...overrides
	});

	it('names the discrimination band in words, and the minimum when there are too few students', () => {
		render(QuestionStats, {
			questions: [
				stat({}),
				stat({ questionId: 'q2', discrimination: -0.2 }),
				stat({ questionId: 'q3', discrimination: null, correctShare: null, commonWrong: null })
			],
			minimum: 5
		});
		const rows = screen
			.getAllByRole('row')
			.slice(1)
			.map((tableRow) =>
				within(tableRow)
					.getAllByRole('cell')
					.map((cell) => cell.textContent?.trim())
			);
		expect(rows).toEqual([
			['6', '50%', 'Boris Aide (2)', '0.45 (good)'],
			['6', '50%', 'Boris Aide (2)', '−0.20 (negative: check the question)'],
			['6', '—', '—', 'needs 5 students']
		]);
	});

	it('names each variant of a held-back slot and flags one that is not parallel to its siblings', () => {
		render(QuestionStats, {
			questions: [
				stat({ questionId: 'held-a', variant: { slotId: 'held', label: 'A', siblingShare: null } }),
				stat({ questionId: 'held-b', correctShare: 0.9, variant: { slotId: 'held', label: 'B', siblingShare: 0.5 } })
			],
			minimum: 5
		});
		const [first, second] = screen.getAllByRole('row').slice(1);
		expect(within(first as HTMLElement).getByRole('rowheader').textContent).toContain('Q1 variant A');
		expect(first?.textContent).not.toContain('Not parallel');
		// The figure alone, as the browser test of the classroom reads it.
		expect(within(first as HTMLElement).getAllByRole('cell')[1]?.textContent).toBe('50%');
		expect(within(second as HTMLElement).getAllByRole('cell')[1]?.textContent).toMatch(
			/90%\s*⚠ Not parallel: the other variants of Q1 score\s+50%/
		);
	});
});

describe('ErrorSummary', () => {
	it('lists each problem as a link to its field and takes focus', () => {
		render(ErrorSummary, {
			errors: { title: 'Title: give the assignment a title.', lessons: 'Lessons: choose one.' },
			targets: { lessons: 'lesson-first' }
		});
		const alert = screen.getByRole('alert', { name: 'There is a problem' });
		expect(document.activeElement).toBe(alert);
		expect(within(alert).getByRole('link', { name: 'Title: give the assignment a title.' }).getAttribute('href')).toBe(
			'#title'
		);
		expect(within(alert).getByRole('link', { name: 'Lessons: choose one.' }).getAttribute('href')).toBe(
			'#lesson-first'
		);
	});

	it('renders nothing without errors', () => {
		const { container } = render(ErrorSummary, { errors: {} });
		expect(container.querySelector('[role="alert"]')).toBeNull();
	});
});
