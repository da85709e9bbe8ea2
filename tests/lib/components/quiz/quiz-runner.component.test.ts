import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import Quiz from '$lib/components/quiz/Quiz.svelte';
import QuizPreview from '$lib/components/quiz/QuizPreview.svelte';
import QuizRunner from '$lib/components/quiz/QuizRunner.svelte';
import { lessonQuizSetup, mapActors } from '$lib/quiz/setup/quiz-setup-from-page';
import type { QuizSetup } from '$lib/quiz/setup/quiz-setup';
import type { Lesson, ModuleContext } from '$lib/model/course';
import { presentToEveryone } from '$lib/quiz/shuffle';
import { loadCourse } from '$lib/server/content/load-course';
import { actors, map, ordering, single, truefalse } from '../../../fixtures/quiz/questions';

const setup: QuizSetup = {
	moduleSlug: 'mini-module',
	sessionKey: 'the-call',
	during: 'lesson',
	questions: [single, ordering, map],
	passMark: 0.8,
	tries: 2,
	actors,
	focus: ['boris-aide'],
	lessonOf: () => 'the-call',
	sectionOf: () => ({ href: '#the-call', title: 'The call' }),
	sourceOf: (id) => ({ href: `#source-${id}`, label: 'Example Wire' })
};

const live = () => document.querySelector('.quiz-runner [aria-live="polite"]')?.textContent;

beforeEach(() => localStorage.clear());

describe('the quiz runner', () => {
	it('teaches: a wrong try, a hint, feedback with focus on it, results, and a retry of what was missed', async () => {
		render(QuizRunner, { setup });
		const heading = await screen.findByRole('heading', { name: 'Question 1 of 3' });
		await waitFor(() => expect(document.activeElement).toBe(heading));
		expect(live()).toBe('Question 1 of 3.');

		await fireEvent.click(screen.getByRole('radio', { name: 'Boris Aide' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
		const tryBox = await screen.findByText(/Change your answer and try again: 1 try left\./);
		await waitFor(() => expect(document.activeElement).toBe(tryBox.closest('#quiz-try')));
		expect(live()).toBe('Not quite. 1 try left.');
		await fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
		expect(screen.getByRole('alert').textContent).toContain('Change your answer before trying again.');
		await fireEvent.click(screen.getByRole('button', { name: 'Show a hint' }));
		expect(screen.getByText(/Look at who the report names first/)).toBeTruthy();

		await fireEvent.click(screen.getByRole('radio', { name: 'Ana Envoy' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
		const feedback = await screen.findByRole('heading', { name: 'Right' });
		await waitFor(() => expect(document.activeElement).toBe(feedback));
		expect(live()).toBe('Right.');
		const panel = feedback.closest('section') as HTMLElement;
		expect(within(panel).getByText('Because the wire says so.')).toBeTruthy();
		expect(within(panel).getByRole('link', { name: 'Review this section: The call' }).getAttribute('href')).toBe(
			'#the-call'
		);
		expect(within(panel).getByRole('link', { name: 'Example Wire' }).getAttribute('href')).toBe('#source-wire-report');
		expect(within(panel).queryByText('The right answer')).toBeNull();

		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
		await screen.findByRole('heading', { name: 'Question 2 of 3' });
		await fireEvent.click(screen.getByRole('button', { name: 'Show the solution (no points)' }));
		const shown = await screen.findByRole('heading', { name: 'Solution shown' });
		const answer = within(shown.closest('section') as HTMLElement).getByText('The right answer')
			.parentElement as HTMLElement;
		expect([...answer.querySelectorAll('li')].map((item) => item.textContent)).toEqual([
			'Ana calls Boris',
			'Boris calls back',
			'The report appears'
		]);

		await fireEvent.click(screen.getByRole('button', { name: 'Next question' }));
		await screen.findByRole('heading', { name: 'Question 3 of 3' });
		expect(screen.getByText('People in this lesson')).toBeTruthy();
		await fireEvent.click(screen.getByRole('radio', { name: 'Boris Aide' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
		await screen.findByRole('heading', { name: 'Right' });
		await fireEvent.click(screen.getByRole('button', { name: 'See your results' }));

		const results = await screen.findByRole('heading', { name: 'Your results' });
		await waitFor(() => expect(document.activeElement).toBe(results));
		const section = results.closest('section') as HTMLElement;
		expect(section.textContent).toContain('2 of 3 points (67%)');
		expect(section.textContent).toContain('Not passed yet: the pass mark is 80%.');
		expect(
			[...section.querySelectorAll('.outcomes li')].map((item) => item.textContent?.replace(/\s+/g, ' ').trim())
		).toEqual([
			'✓ Right: Who placed the first call?',
			'✗ Solution shown: Put these events in time order.',
			'✓ Right: On the map, find the aide who took the call.'
		]);
		expect(live()).toBe('Quiz finished: 67%, not passed yet.');
		await fireEvent.click(screen.getByRole('button', { name: 'Retry the 1 missed question' }));
		expect(await screen.findByRole('heading', { name: 'Question 1 of 1 (retrying missed questions)' })).toBeTruthy();
		expect(JSON.parse(localStorage.getItem('backchannel:progress:mini-module') ?? '{}').review).toHaveProperty(
			'call-order'
		);
	}, 20_000); // A whole quiz through jsdom: about 4 s alone, past the 5 s default on a shared, busy machine.

	it('moves focus to the hint when the learner asks for one (issue 17.8)', async () => {
		render(QuizRunner, { setup });
		await screen.findByRole('heading', { name: 'Question 1 of 3' });
		await fireEvent.click(screen.getByRole('radio', { name: 'Boris Aide' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
		await fireEvent.click(await screen.findByRole('button', { name: 'Show a hint' }));
		const hint = screen.getByText(/Look at who the report names first/).closest('p') as HTMLElement;
		await waitFor(() => expect(document.activeElement).toBe(hint));
		expect(hint.id).toBe('quiz-hint');
	});

	it('does not call a lesson mastered when the round passed only after solutions were shown (issue 13)', async () => {
		render(QuizRunner, { setup: { ...setup, questions: [single, truefalse] } });
		for (const number of [1, 2]) {
			await screen.findByRole('heading', { name: `Question ${number} of 2` });
			await fireEvent.click(screen.getByRole('button', { name: 'Show the solution (no points)' }));
			await fireEvent.click(await screen.findByRole('button', { name: /Next question|See your results/ }));
		}
		await fireEvent.click(await screen.findByRole('button', { name: 'Retry the 2 missed questions' }));
		await screen.findByRole('heading', { name: /Question 1 of 2/ });
		await fireEvent.click(screen.getByRole('radio', { name: 'Ana Envoy' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
		await fireEvent.click(await screen.findByRole('button', { name: 'Next question' }));
		await screen.findByRole('heading', { name: /Question 2 of 2/ });
		await fireEvent.click(screen.getByRole('radio', { name: 'False' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Check my answer' }));
		await fireEvent.click(await screen.findByRole('button', { name: 'See your results' }));
		const section = (await screen.findByRole('heading', { name: 'Your results' })).closest('section') as HTMLElement;
		expect(section.textContent).toContain('2 of 2 points (100%)');
		expect(section.textContent).not.toContain('This lesson is mastered');
		expect(section.querySelector('[data-notice="not-mastered"]')?.textContent?.replace(/\s+/g, ' ')).toContain(
			'Not mastered yet: you answered 2 questions right only after seeing the answer.'
		);
		expect(section.querySelector('.outcomes li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
			'✓ Right, after seeing the answer: Who placed the first call?'
		);
		expect(
			JSON.parse(localStorage.getItem('backchannel:progress:mini-module') ?? '{}').lessons['the-call']
		).toMatchObject({ best: 0, mastered: false });
	});

	it('tells the learner when progress cannot be saved, and runs all the same', async () => {
		const original = Object.getOwnPropertyDescriptor(window, 'localStorage');
		Object.defineProperty(window, 'localStorage', {
			configurable: true,
			get() {
				throw new DOMException('denied', 'SecurityError');
			}
		});
		try {
			render(QuizRunner, { setup });
			await screen.findByRole('heading', { name: 'Question 1 of 3' });
			expect(screen.getByText(/will not be kept when you leave this page/).textContent).toContain(
				'The quiz works all the same.'
			);
		} finally {
			if (original) Object.defineProperty(window, 'localStorage', original);
		}
	});
});

describe('the quiz on the lesson page', () => {
	let lesson: Lesson;
	let module: ModuleContext;

	beforeAll(async () => {
		const { course } = await loadCourse('tests/fixtures/courses/valid');
		const loaded = course?.modules[0];
		if (!loaded?.lessons[0]) throw new Error('the fixture module did not load');
		lesson = loaded.lessons[0];
		module = {
			...loaded,
			lessons: loaded.lessons.map((entry) => ({
				slug: entry.slug,
				title: entry.title,
				summary: entry.summary,
				minutes: entry.minutes,
				objectives: entry.objectives,
				questionCount: entry.quiz.questions.length,
				passMark: entry.quiz.passMark
			}))
		};
	});

	it('offers to resume where the learner stopped, and loads the quiz there', async () => {
		const first = render(QuizRunner, { setup: lessonQuizSetup(lesson, module) });
		await screen.findByRole('heading', { name: 'Question 1 of 2' });
		await fireEvent.click(screen.getByRole('button', { name: /Show the solution/ }));
		await fireEvent.click(await screen.findByRole('button', { name: 'Next question' }));
		await screen.findByRole('heading', { name: 'Question 2 of 2' });
		first.unmount();

		render(Quiz, { lesson, module });
		// Both of the fixture's questions have a hint (quiz-intro.test.ts covers lessons where only some do).
		expect(
			screen.getByText('2 questions · pass mark 80% · 2 tries per question, with a hint after a wrong try.')
		).toBeTruthy();
		await fireEvent.click(await screen.findByRole('button', { name: 'Resume at question 2 of 2' }));
		expect(await screen.findByRole('heading', { name: 'Question 2 of 2' })).toBeTruthy();
	});

	it('lists every question with its options and answer for readers without JavaScript', () => {
		render(QuizPreview, { questions: lesson.quiz.questions, actors: mapActors(module), moduleSlug: module.slug });
		const items = screen.getAllByRole('listitem').filter((item) => item.id.startsWith('q-'));
		expect(items.map((item) => item.id)).toEqual(['q-who-called', 'q-call-order']);
		expect(items[0]?.textContent).toContain('Ana Envoy');
		// Options in the one shared order of renderings without a learner, not as authored (issue 14).
		const first = lesson.quiz.questions[0];
		if (first?.type !== 'single') throw new Error('the fixture lesson should start with a single-choice question');
		const shownOrder = [...(items[0]?.querySelectorAll(':scope > ul > li') ?? [])].map((item) => item.textContent);
		expect(shownOrder).toEqual((presentToEveryone(first) as typeof first).options.map((option) => option.text));
		expect(within(items[0] as HTMLElement).getByText('Show the answer').tagName).toBe('SUMMARY');
		expect(items[1]?.querySelector('details ol')?.textContent).toBe(
			'Ana calls BorisBoris calls backThe report appears'
		);
	});
});
