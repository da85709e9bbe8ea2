import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Response } from '$lib/quiz/grade';
import { publicQuestion, type PublicQuestionOf } from '$lib/quiz/public-question';
import { responseFromForm } from '$lib/quiz/response-from-form';
import {
	actors,
	classification,
	map,
	matching,
	multiple,
	ordering,
	single,
	truefalse
} from '../../../fixtures/quiz/questions';
import InputHarness from './InputHarness.svelte';
import MapPickerHarness from './MapPickerHarness.svelte';

/** What the input reported last. */
function reported(): Response | null {
	return JSON.parse(screen.getByTestId('value').textContent ?? 'null') as Response | null;
}

/** What the plain form would submit, read the way the classroom's form action reads it. */
function submitted(question: Parameters<typeof responseFromForm>[0]) {
	return responseFromForm(question, new FormData(screen.getByRole('form', { name: 'Answer' }) as HTMLFormElement));
}

describe('single choice', () => {
	it('is a labelled radio group named by its prompt; choosing reports and submits the option', async () => {
		const question = publicQuestion(single);
		render(InputHarness, { question });
		const group = screen.getByRole('group', { name: 'Who placed the first call?' });
		expect(within(group).getAllByRole('radio')).toHaveLength(3);
		expect(submitted(question)).toEqual({ ok: false, message: 'choose an answer' });
		await fireEvent.click(within(group).getByRole('radio', { name: 'Boris Aide' }));
		expect(reported()).toEqual({ type: 'single', choice: 'boris' });
		expect(submitted(question)).toEqual({ ok: true, response: { type: 'single', choice: 'boris' } });
	});

	it('shows a stored draft and can be locked', () => {
		render(InputHarness, { question: single, initial: { type: 'single', choice: 'ana' }, disabled: true });
		const radio = screen.getByRole('radio', { name: 'Ana Envoy' }) as HTMLInputElement;
		expect(radio.checked).toBe(true);
		expect(radio.disabled).toBe(true);
	});
});

describe('multiple select', () => {
	it('ticks and unticks checkboxes, in the order shown', async () => {
		render(InputHarness, { question: multiple });
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A call back' }));
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A call' }));
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A summit' }));
		await fireEvent.click(screen.getByRole('checkbox', { name: 'A summit' }));
		expect(reported()).toEqual({ type: 'multiple', choices: ['call', 'callback'] });
		expect(submitted(multiple)).toEqual({ ok: true, response: { type: 'multiple', choices: ['call', 'callback'] } });
	});

	it("marks the learner's choice and the right choice separately, in words (issue 17.7)", () => {
		// Key: call and callback. Ticked: call (right) and summit (wrong).
		render(InputHarness, {
			question: multiple,
			initial: { type: 'multiple', choices: ['call', 'summit'] },
			marks: { call: true, callback: false, summit: false, treaty: true }
		});
		const mark = (name: string) =>
			screen.getByText(name).querySelector('.mark')?.textContent?.replace(/\s+/g, ' ').trim();
		expect(mark('A call')).toBe('✓ You ticked this · It is correct to tick it');
		expect(mark('A call back')).toBe('✗ You left this unticked · It is correct to tick it');
		expect(mark('A summit')).toBe('✗ You ticked this · It is correct to leave it unticked');
		// A false statement left unticked is no longer a bare "✓ right" beside it.
		expect(mark('A treaty')).toBe('✓ You left this unticked · It is correct to leave it unticked');
	});
});

describe('true/false', () => {
	it('offers True and False', async () => {
		render(InputHarness, { question: truefalse });
		const group = screen.getByRole('group', { name: /The wire verified the audio/ });
		await fireEvent.click(within(group).getByRole('radio', { name: 'False' }));
		expect(reported()).toEqual({ type: 'truefalse', value: false });
		expect(submitted(truefalse)).toEqual({ ok: true, response: { type: 'truefalse', value: false } });
	});
});

describe('ordering', () => {
	const positionOf = (text: string) =>
		screen.getByRole('combobox', { name: `Position of “${text}”` }) as HTMLSelectElement;
	const eventTexts = () => screen.getAllByRole('listitem').map((item) => item.querySelector('.event')?.textContent);

	it('submits the order shown without any change, through position selects', () => {
		render(InputHarness, { question: ordering });
		expect(positionOf('The report appears').value).toBe('1');
		expect(submitted(ordering)).toEqual({
			ok: true,
			response: { type: 'ordering', order: ['report', 'second-call', 'first-call'] }
		});
	});

	it('moves an event with the keyboard buttons and announces it', async () => {
		render(InputHarness, { question: ordering });
		await fireEvent.click(screen.getByRole('button', { name: 'Move “Ana calls Boris” earlier' }));
		await fireEvent.click(screen.getByRole('button', { name: 'Move “Ana calls Boris” earlier' }));
		expect(eventTexts()).toEqual(['Ana calls Boris', 'The report appears', 'Boris calls back']);
		const question = screen.getByRole('group', { name: 'Put these events in time order.' });
		expect(within(question).getByRole('status').textContent).toBe('“Ana calls Boris” is now in position 1 of 3.');
		expect((screen.getByRole('button', { name: 'Move “Ana calls Boris” earlier' }) as HTMLButtonElement).disabled).toBe(
			true
		);
		await fireEvent.click(screen.getByRole('button', { name: 'Move “The report appears” later' }));
		expect(reported()).toEqual({ type: 'ordering', order: ['first-call', 'second-call', 'report'] });
		expect(submitted(ordering)).toEqual({
			ok: true,
			response: { type: 'ordering', order: ['first-call', 'second-call', 'report'] }
		});
	});

	it('moves an event to the position chosen in its select', async () => {
		render(InputHarness, { question: ordering });
		await fireEvent.change(positionOf('The report appears'), { target: { value: '3' } });
		expect(eventTexts()).toEqual(['Boris calls back', 'Ana calls Boris', 'The report appears']);
		expect(positionOf('The report appears').value).toBe('3');
	});

	it('moves an event by dragging', async () => {
		render(InputHarness, { question: ordering });
		const rows = screen.getAllByRole('listitem');
		await fireEvent.dragStart(rows[2] as HTMLElement);
		await fireEvent.drop(rows[0] as HTMLElement);
		expect(eventTexts()).toEqual(['Ana calls Boris', 'The report appears', 'Boris calls back']);
	});

	it('keeps every event when a stored order lacks one', () => {
		render(InputHarness, { question: ordering, initial: { type: 'ordering', order: ['first-call', 'gone'] } });
		expect(eventTexts()).toEqual(['Ana calls Boris', 'The report appears', 'Boris calls back']);
	});
});

describe('matching', () => {
	it('has a labelled select per quote', async () => {
		render(InputHarness, { question: matching });
		const first = screen.getByRole('combobox', { name: /Call him first/ });
		expect(
			within(first)
				.getAllByRole('option')
				.map((option) => option.textContent)
		).toEqual(['Choose the speaker', 'Ana Envoy', 'Boris Aide', 'Carla Critic']);
		await fireEvent.change(first, { target: { value: 'ana-envoy' } });
		expect(submitted(matching)).toEqual({ ok: false, message: 'choose a speaker for every quote (1 left)' });
		await fireEvent.change(screen.getByRole('combobox', { name: /No such call/ }), {
			target: { value: 'carla-critic' }
		});
		expect(reported()).toEqual({ type: 'matching', matches: { q1: 'ana-envoy', q2: 'carla-critic' } });
		expect(submitted(matching)).toEqual({
			ok: true,
			response: { type: 'matching', matches: { q1: 'ana-envoy', q2: 'carla-critic' } }
		});
		await fireEvent.change(first, { target: { value: '' } });
		expect(reported()).toEqual({ type: 'matching', matches: { q2: 'carla-critic' } });
	});
});

describe('classification', () => {
	it('has a radio group per statement with every kind', async () => {
		render(InputHarness, { question: classification });
		const first = screen.getByRole('group', { name: /Ana phoned Boris/ });
		expect(
			within(first)
				.getAllByRole('radio')
				.map((radio) => radio.getAttribute('value'))
		).toEqual(['fact', 'claim', 'denial', 'speculation', 'opinion']);
		await fireEvent.click(within(first).getByRole('radio', { name: 'Reported fact' }));
		await fireEvent.click(
			within(screen.getByRole('group', { name: /No such call/ })).getByRole('radio', { name: 'Denial' })
		);
		expect(submitted(classification)).toEqual({ ok: false, message: 'classify every statement (1 left)' });
		await fireEvent.click(
			within(screen.getByRole('group', { name: /probably changed/ })).getByRole('radio', { name: 'Opinion' })
		);
		expect(reported()).toEqual({ type: 'classification', kinds: { s1: 'fact', s2: 'denial', s3: 'opinion' } });
		expect(submitted(classification)).toEqual({
			ok: true,
			response: { type: 'classification', kinds: { s1: 'fact', s2: 'denial', s3: 'opinion' } }
		});
	});
});

describe('map', () => {
	it("is answerable with its text equivalent, the lesson's actors first", async () => {
		render(InputHarness, {
			question: map,
			actors: actors.map((actor) => ({ ...actor, side: 'East' })),
			focus: ['boris-aide']
		});
		const radios = screen.getAllByRole('radio');
		expect(radios.map((radio) => radio.getAttribute('value'))).toEqual(['boris-aide', 'ana-envoy', 'carla-critic']);
		expect(screen.getByText('People in this lesson')).toBeTruthy();
		await fireEvent.click(screen.getByRole('radio', { name: 'Carla Critic · East' }));
		expect(reported()).toEqual({ type: 'map', actor: 'carla-critic' });
		expect(submitted(map)).toEqual({ ok: true, response: { type: 'map', actor: 'carla-critic' } });
	});
});

describe('map with a picker', () => {
	it('lets the map pick the answer and keeps the list in step', async () => {
		render(MapPickerHarness, { question: publicQuestion(map) as PublicQuestionOf<'map'>, actors });
		await fireEvent.click(screen.getByRole('button', { name: 'Node Boris Aide' }));
		expect((screen.getByRole('radio', { name: 'Boris Aide' }) as HTMLInputElement).checked).toBe(true);
		expect(screen.getByRole('button', { name: 'Node Boris Aide' }).getAttribute('aria-pressed')).toBe('true');
		// The map announces the choice; the question does not say it a second time (issue 17.9).
		expect(screen.queryByText(/Your answer: /)).toBeNull();
	});

	it('offers a skip link past the map to the list of actors, before the map (issue 17.9)', () => {
		render(MapPickerHarness, { question: publicQuestion(map) as PublicQuestionOf<'map'>, actors });
		const skip = screen.getByRole('link', { name: 'skip the map to the list of actors' });
		const list = document.getElementById(skip.getAttribute('href')?.slice(1) ?? '');
		expect(list?.getAttribute('tabindex')).toBe('-1');
		expect(list?.querySelectorAll('input[type="radio"]')).toHaveLength(actors.length);
		const firstNode = screen.getAllByRole('button', { name: /^Node / })[0] as HTMLElement;
		// The link comes first in tab order, so the list is one Tab away, not past every node.
		expect(skip.compareDocumentPosition(firstNode) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});
});
