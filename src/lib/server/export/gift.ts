/**
 * GIFT, Moodle's text format for question banks. Single, multiple, true/false and matching map
 * onto GIFT's own types; ordering and classification become matching questions (event → place
 * in time, statement → kind), the nearest thing GIFT has. A map question cannot be written: the
 * file names it in a comment and says why.
 */
import { STATEMENT_KIND_LABELS, STATEMENT_KINDS, type Module, type Question } from '../../model/course.ts';
import { orderingPositions } from './answer-key.ts';
import type { ItemSet } from './items.ts';
import { plainText } from './plain-text.ts';

/** GIFT's control characters, which must be escaped inside any text. */
const escape = (text: string): string => text.replace(/[~=#{}:]/g, (character) => `\\${character}`);

/** Percentages as GIFT writes them; Moodle rounds them to its nearest allowed grade. */
const percent = (value: number): string => String(Math.round(value * 100_000) / 1000);

const feedback = (question: Question): string => `####${escape(plainText(question.explanationHtml))}`;

function matchingBody(pairs: [string, string][], extraAnswers: string[]): string[] {
	return [
		...pairs.map(([part, answer]) => `=${escape(part)} -> ${escape(answer)}`),
		// A pair with no question is an extra, wrong answer in Moodle's matching question.
		...extraAnswers.map((answer) => `= -> ${escape(answer)}`)
	];
}

function answerLines(question: Question): string[] | string {
	switch (question.type) {
		case 'single':
			return question.options.map((option) => `${option.id === question.answer ? '=' : '~'}${escape(option.text)}`);
		case 'multiple': {
			// Our grading: each right option earns 1/n of the marks, each wrong one takes 1/n away.
			const share = 1 / question.answer.length;
			return question.options.map(
				(option) => `~%${percent(question.answer.includes(option.id) ? share : -share)}%${escape(option.text)}`
			);
		}
		case 'truefalse':
			return question.answer ? 'TRUE' : 'FALSE';
		case 'ordering':
			return matchingBody(
				orderingPositions(question).map(([item, position]) => [item.text, String(position)]),
				[]
			);
		case 'matching': {
			const used = new Set(Object.values(question.answer));
			const name = (id: string) => question.speakers.find((speaker) => speaker.id === id)?.text ?? id;
			return matchingBody(
				question.quotes.map((quote) => [quote.text, name(question.answer[quote.id] ?? '')]),
				question.speakers.filter((speaker) => !used.has(speaker.id)).map((speaker) => speaker.text)
			);
		}
		case 'classification': {
			const used = new Set(Object.values(question.answer));
			return matchingBody(
				question.statements.map((statement) => {
					const kind = question.answer[statement.id];
					return [statement.text, kind ? STATEMENT_KIND_LABELS[kind] : ''];
				}),
				STATEMENT_KINDS.filter((kind) => !used.has(kind)).map((kind) => STATEMENT_KIND_LABELS[kind])
			);
		}
		case 'map':
			return [];
	}
}

const STEM_NOTES: Partial<Record<Question['type'], string>> = {
	ordering: ' (Give each event its place in time: 1 is the earliest.)',
	classification: ' (Give each statement its kind.)'
};

/** Why a question cannot be written in GIFT, or `undefined` when it can. */
export function giftCannotExpress(question: Question): string | undefined {
	if (question.type === 'map') {
		return 'it asks the learner to find an actor on the interactive network map, which a GIFT question cannot show (a list of names would be a different, easier question)';
	}
	return undefined;
}

function giftQuestion(question: Question): string {
	const reason = giftCannotExpress(question);
	if (reason) return `// Not exported: question "${question.id}" (${question.type}): ${reason}.`;
	const stem = `::${escape(question.id)}:: ${escape(plainText(question.promptHtml) + (STEM_NOTES[question.type] ?? ''))}`;
	const answers = answerLines(question);
	if (typeof answers === 'string') return `${stem} {${answers}${feedback(question)}}`;
	return [`${stem} {`, ...answers.map((line) => `\t${line}`), `\t${feedback(question)}`, '}'].join('\n');
}

export function giftFile(module: Pick<Module, 'slug' | 'title'>, items: ItemSet): string {
	const header = [
		`// ${module.title}: ${items.kind === 'assessment' ? 'held-back assessment items' : 'public self-check items'}, exported from Backchannel.`,
		...(items.kind === 'assessment'
			? ['// WARNING: this file contains the answer keys of graded items. Do not share it with learners.']
			: [])
	].join('\n');
	const blocks = items.lessons.flatMap((lesson) => [
		`// Lesson: ${lesson.title}\n$CATEGORY: Backchannel/${module.slug}/${lesson.slug}`,
		...lesson.questions.map(giftQuestion)
	]);
	return `${[header, ...blocks].join('\n\n')}\n`;
}
