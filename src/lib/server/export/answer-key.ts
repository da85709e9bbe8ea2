/**
 * Every question's answer key in one comparable shape, written in the words a learner sees (the
 * text formats carry texts, not our ids). The round-trip tests read an exported file back into
 * this shape and compare it with the loaded course's.
 */
import { STATEMENT_KIND_LABELS, type Option, type Question } from '../../model/course.ts';

export interface AnswerKey {
	id: string;
	/** The right answers: option texts, `true`/`false`, or `part -> answer` pairs. Sorted. */
	correct: string[];
}

export const pair = (part: string, answer: string): string => `${part} -> ${answer}`;

const textOf = (options: readonly Option[], id: string): string =>
	options.find((option) => option.id === id)?.text ?? id;

/** An ordering question's events with their place in time (1 = earliest). */
export function orderingPositions(question: Extract<Question, { type: 'ordering' }>): [Option, number][] {
	return question.items.map((item) => [item, question.answer.indexOf(item.id) + 1]);
}

function correct(question: Question): string[] {
	switch (question.type) {
		case 'single':
			return [textOf(question.options, question.answer)];
		case 'multiple':
			return question.answer.map((id) => textOf(question.options, id));
		case 'truefalse':
			return [String(question.answer)];
		case 'ordering':
			return orderingPositions(question).map(([item, position]) => pair(item.text, String(position)));
		case 'matching':
			return question.quotes.map((quote) =>
				pair(quote.text, textOf(question.speakers, question.answer[quote.id] ?? ''))
			);
		case 'classification':
			return question.statements.map((statement) => {
				const kind = question.answer[statement.id];
				return pair(statement.text, kind ? STATEMENT_KIND_LABELS[kind] : '');
			});
		case 'map':
			return [question.answer];
	}
}

export function answerKey(question: Question): AnswerKey {
	return { id: question.id, correct: correct(question).sort() };
}
