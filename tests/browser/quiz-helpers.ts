/** Answering the real quiz in Chromium, by keyboard only, from the lesson files' answer keys. */
import type { Frame, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Lesson, Module, Question } from '$lib/model/course';
import { STATEMENT_KIND_LABELS } from '$lib/model/course';

export const PROGRESS_KEY = (module: string) => `backchannel:progress:${module}`;

async function isFocused(locator: Locator): Promise<boolean> {
	return locator.evaluate((element) => element === document.activeElement);
}

/** Where the keys go: the page, or a frame inside it (a SCORM package in an LMS's frames). */
type KeyTarget = Page | Frame;
const keyboardOf = (target: KeyTarget) => ('keyboard' in target ? target.keyboard : target.page().keyboard);

/** Presses Tab until `locator` has focus, as a keyboard user would (fails if it never does). */
export async function tabTo(page: KeyTarget, locator: Locator, limit = 400): Promise<void> {
	for (let presses = 0; presses < limit; presses++) {
		if (await isFocused(locator)) return;
		await keyboardOf(page).press('Tab');
	}
	throw new Error(`Tab never reached ${String(locator)}`);
}

export async function press(page: KeyTarget, key: string, times: number): Promise<void> {
	for (let i = 0; i < times; i++) await keyboardOf(page).press(key);
}

/** Checks the radio at `index` in a group whose first radio is `first`, with arrow keys. */
async function chooseRadio(page: KeyTarget, first: Locator, index: number): Promise<void> {
	await tabTo(page, first);
	if (index === 0) await keyboardOf(page).press('Space');
	else await press(page, 'ArrowDown', index);
}

async function radioValues(group: Locator): Promise<string[]> {
	return group.getByRole('radio').evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));
}

/** Gives the right answer to the question on screen using only the keyboard. */
export async function answerByKeyboard(page: KeyTarget, question: Question): Promise<void> {
	const form = page.locator('.question-step');
	const fieldset = form.locator('fieldset.question-input').first();
	switch (question.type) {
		case 'single':
		case 'map': {
			const values = await radioValues(fieldset);
			const answer = question.answer;
			await chooseRadio(page, fieldset.getByRole('radio').first(), values.indexOf(answer));
			break;
		}
		case 'truefalse':
			await chooseRadio(page, fieldset.getByRole('radio').first(), question.answer ? 0 : 1);
			break;
		case 'multiple':
			for (const id of question.answer) {
				const text = question.options.find((option) => option.id === id)?.text ?? id;
				await tabTo(page, fieldset.getByRole('checkbox', { name: text, exact: true }));
				await keyboardOf(page).press('Space');
			}
			break;
		case 'ordering':
			for (let target = 0; target < question.answer.length; target++) {
				const id = question.answer[target] ?? '';
				const text = question.items.find((item) => item.id === id)?.text ?? id;
				const shown = await fieldset.locator('.event').allTextContents();
				const from = shown.findIndex((label) => label.startsWith(text));
				if (from > target) {
					const earlier = fieldset.getByRole('button', { name: `Move “${text}” earlier` });
					await tabTo(page, earlier);
					// Focus stays on the moved event's button, so each press moves it one place.
					await press(page, 'Enter', from - target);
				}
			}
			break;
		case 'matching':
			for (const quote of question.quotes) {
				const select = fieldset.getByRole('combobox', { name: new RegExp(escape(quote.text.slice(0, 30))) });
				const options = await select
					.locator('option')
					.evaluateAll((all) => all.map((option) => (option as HTMLOptionElement).value));
				await tabTo(page, select);
				await press(page, 'ArrowDown', options.indexOf(question.answer[quote.id] ?? ''));
			}
			break;
		case 'classification':
			for (const statement of question.statements) {
				const group = fieldset.getByRole('group', { name: new RegExp(escape(statement.text.slice(0, 30))) });
				const kind = question.answer[statement.id];
				const kinds = Object.keys(STATEMENT_KIND_LABELS);
				await chooseRadio(page, group.getByRole('radio').first(), kinds.indexOf(kind ?? ''));
			}
			break;
	}
}

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function lessonOf(
	course: { modules: Module[] },
	moduleSlug: string,
	lessonSlug: string
): { module: Module; lesson: Lesson } {
	const module = course.modules.find((candidate) => candidate.slug === moduleSlug);
	const lesson = module?.lessons.find((candidate) => candidate.slug === lessonSlug);
	if (!module || !lesson) throw new Error(`no lesson ${moduleSlug}/${lessonSlug}`);
	return { module, lesson };
}

export async function expectFocusOn(page: Page, locator: Locator): Promise<void> {
	await expect.poll(() => isFocused(locator)).toBe(true);
}
