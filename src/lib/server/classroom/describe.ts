/**
 * Answers in words: a student's response or a question's correct answer as one line of plain
 * text, for the student's feedback, the dashboard's "most chosen wrong answer" and the CSV.
 * Ids the question does not know are shown as they are (they were refused by the grader anyway).
 */
import { STATEMENT_KIND_LABELS, type Module, type Question, type StatementKind } from '$lib/model/course';
import type { Response } from '$lib/quiz/grade';

function textOf(options: readonly { id: string; text: string }[], id: string): string {
	return options.find((option) => option.id === id)?.text ?? id;
}

function actorName(module: Module | undefined, id: string): string {
	return module?.actors.find((actor) => actor.id === id)?.name ?? id;
}

function kindLabel(kind: string): string {
	return STATEMENT_KIND_LABELS[kind as StatementKind] ?? kind;
}

export function describeResponse(question: Question, response: Response, module?: Module): string {
	switch (response.type) {
		case 'single':
			return question.type === 'single' ? textOf(question.options, response.choice) : response.choice;
		case 'multiple':
			return response.choices
				.map((id) => (question.type === 'multiple' ? textOf(question.options, id) : id))
				.join('; ');
		case 'truefalse':
			return response.value ? 'True' : 'False';
		case 'map':
			return actorName(module, response.actor);
		case 'ordering':
			return response.order
				.map((id, index) => `${index + 1}. ${question.type === 'ordering' ? textOf(question.items, id) : id}`)
				.join(' ');
		case 'matching':
			return Object.entries(response.matches)
				.map(([quote, speaker]) =>
					question.type === 'matching'
						? `“${textOf(question.quotes, quote)}”: ${textOf(question.speakers, speaker)}`
						: `${quote}: ${speaker}`
				)
				.join('; ');
		case 'classification':
			return Object.entries(response.kinds)
				.map(
					([statement, kind]) =>
						`${question.type === 'classification' ? textOf(question.statements, statement) : statement}: ${kindLabel(kind)}`
				)
				.join('; ');
	}
}

/** The question's key, as a response, so it reads the same way as a student's answer. */
export function answerKey(question: Question): Response {
	switch (question.type) {
		case 'single':
			return { type: 'single', choice: question.answer };
		case 'multiple':
			return { type: 'multiple', choices: question.answer };
		case 'truefalse':
			return { type: 'truefalse', value: question.answer };
		case 'map':
			return { type: 'map', actor: question.answer };
		case 'ordering':
			return { type: 'ordering', order: question.answer };
		case 'matching':
			return { type: 'matching', matches: question.answer };
		case 'classification':
			return { type: 'classification', kinds: question.answer };
	}
}

export function describeAnswer(question: Question, module?: Module): string {
	return describeResponse(question, answerKey(question), module);
}
