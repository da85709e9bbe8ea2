/**
 * Turns a submitted form into a `Response`, or says precisely what is missing. The quiz (with
 * JavaScript) and the classroom's form actions (without it) both read answers through here, from
 * the fields the input components render (see `form-fields.ts`). Whether an option id is one the
 * question offers is the grader's call: this only checks that the form holds an answer at all.
 */
import { STATEMENT_KINDS, type StatementKind } from '../model/course.ts';
import type { Response } from './grade.ts';
import { answerField } from './form-fields.ts';
import type { PublicQuestion } from './public-question.ts';

export type FormReading = { ok: true; response: Response } | { ok: false; message: string };

type Form = Pick<FormData, 'get' | 'getAll'>;

/** A text field's value; a file or a missing field is no value. */
function text(form: Form, name: string): string | undefined {
	const value = form.get(name);
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function fail(message: string): FormReading {
	return { ok: false, message };
}

function left(count: number): string {
	return `${count} left`;
}

function isKind(value: string): value is StatementKind {
	return (STATEMENT_KINDS as readonly string[]).includes(value);
}

function readOrdering(question: Extract<PublicQuestion, { type: 'ordering' }>, form: Form): FormReading {
	const count = question.items.length;
	const placed: { id: string; text: string; position: number }[] = [];
	for (const item of question.items) {
		const value = text(form, answerField(question.id, item.id));
		if (value === undefined) return fail(`give "${item.text}" a position`);
		const position = Number(value);
		if (!Number.isInteger(position) || position < 1 || position > count) {
			return fail(`the position of "${item.text}" must be a number from 1 to ${count}, not "${value}"`);
		}
		const clash = placed.find((other) => other.position === position);
		if (clash)
			return fail(
				`"${clash.text}" and "${item.text}" are both in position ${position}: give each event its own position`
			);
		placed.push({ ...item, position });
	}
	placed.sort((a, b) => a.position - b.position);
	return { ok: true, response: { type: 'ordering', order: placed.map((item) => item.id) } };
}

export function responseFromForm(question: PublicQuestion, form: Form): FormReading {
	const name = answerField(question.id);
	switch (question.type) {
		case 'single': {
			const choice = text(form, name);
			return choice === undefined ? fail('choose an answer') : { ok: true, response: { type: 'single', choice } };
		}
		case 'multiple': {
			const choices = form.getAll(name).filter((value): value is string => typeof value === 'string' && value !== '');
			return choices.length === 0
				? fail('choose at least one option')
				: { ok: true, response: { type: 'multiple', choices } };
		}
		case 'truefalse': {
			const value = text(form, name);
			if (value === undefined) return fail('choose true or false');
			if (value !== 'true' && value !== 'false') return fail(`"${value}" is neither true nor false`);
			return { ok: true, response: { type: 'truefalse', value: value === 'true' } };
		}
		case 'map': {
			const actor = text(form, name);
			return actor === undefined ? fail('choose an actor') : { ok: true, response: { type: 'map', actor } };
		}
		case 'ordering':
			return readOrdering(question, form);
		case 'matching': {
			const matches: Record<string, string> = {};
			for (const quote of question.quotes) {
				const speaker = text(form, answerField(question.id, quote.id));
				if (speaker !== undefined) matches[quote.id] = speaker;
			}
			const missing = question.quotes.length - Object.keys(matches).length;
			return missing > 0
				? fail(`choose a speaker for every quote (${left(missing)})`)
				: { ok: true, response: { type: 'matching', matches } };
		}
		case 'classification': {
			const kinds: Record<string, StatementKind> = {};
			for (const statement of question.statements) {
				const kind = text(form, answerField(question.id, statement.id));
				if (kind === undefined) continue;
				if (!isKind(kind)) return fail(`"${kind}" is not one of the kinds offered`);
				kinds[statement.id] = kind;
			}
			const missing = question.statements.length - Object.keys(kinds).length;
			return missing > 0
				? fail(`classify every statement (${left(missing)})`)
				: { ok: true, response: { type: 'classification', kinds } };
		}
	}
}
