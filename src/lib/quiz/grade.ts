/**
 * Grading: one pure function per question type, shared by the quiz in the browser and the
 * classroom server. A grader never throws on a learner's input: a response that does not fit the
 * question (wrong type, an option the question does not have, an item left out) is `invalid` with
 * a message saying what is wrong, so the caller can show it and lose nothing.
 *
 * Partial credit, documented for learners and teachers alike:
 * - single choice, true/false, map: 1 or 0.
 * - multiple select: (right options chosen − wrong options chosen) / right options, at least 0.
 *   Every wrong option ticked cancels a right one, so ticking everything never earns full marks
 *   (and earns nothing when there are at least as many wrong options as right ones).
 * - ordering: the share of pairs of events placed in the right relative order.
 * - matching, classification: the share of items matched or classified correctly; every item
 *   must be given an answer.
 * A question is `correct` only with full marks.
 */
import { STATEMENT_KINDS, type Question, type StatementKind } from '../model/course.ts';

/*
 * The graders trust the shape of a `Response` (TypeScript guarantees it inside the app); input
 * from outside (a form, a request body, a stored record) is checked first, with
 * `responseFromForm` or `responseSchema`, and only then graded.
 */

export type Response =
	| { type: 'single'; choice: string }
	| { type: 'multiple'; choices: string[] }
	| { type: 'truefalse'; value: boolean }
	| { type: 'ordering'; order: string[] }
	| { type: 'matching'; matches: Record<string, string> }
	| { type: 'classification'; kinds: Record<string, StatementKind> }
	| { type: 'map'; actor: string };

export interface GradedGrade {
	status: 'graded';
	/** 0 to 1. */
	score: number;
	correct: boolean;
	/** For questions with parts (matching, classification, ordering position): part id → right? */
	parts?: Record<string, boolean>;
}

export type Grade = GradedGrade | { status: 'invalid'; message: string };

export type QuestionOf<T extends Question['type']> = Extract<Question, { type: T }>;
export type ResponseOf<T extends Response['type']> = Extract<Response, { type: T }>;

function graded(score: number, parts?: Record<string, boolean>): Grade {
	const rounded = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
	return { status: 'graded', score: rounded, correct: rounded === 1, ...(parts ? { parts } : {}) };
}

function invalid(message: string): Grade {
	return { status: 'invalid', message };
}

function unknownIds(given: readonly string[], known: readonly string[]): string[] {
	const knownSet = new Set(known);
	return given.filter((id) => !knownSet.has(id));
}

function firstDuplicate(ids: readonly string[]): string | undefined {
	return ids.find((id, index) => ids.indexOf(id) !== index);
}

export function gradeSingle(question: QuestionOf<'single'>, response: ResponseOf<'single'>): Grade {
	if (response.choice === '') return invalid('choose an answer');
	if (!question.options.some((option) => option.id === response.choice)) {
		return invalid(`"${response.choice}" is not one of this question's options`);
	}
	return graded(response.choice === question.answer ? 1 : 0);
}

export function gradeMultiple(question: QuestionOf<'multiple'>, response: ResponseOf<'multiple'>): Grade {
	if (response.choices.length === 0) return invalid('choose at least one option');
	const unknown = unknownIds(
		response.choices,
		question.options.map((option) => option.id)
	);
	if (unknown.length > 0) return invalid(`"${unknown[0]}" is not one of this question's options`);
	const duplicate = firstDuplicate(response.choices);
	if (duplicate) return invalid(`option "${duplicate}" is chosen twice`);
	const right = response.choices.filter((id) => question.answer.includes(id)).length;
	const wrong = response.choices.length - right;
	const parts = Object.fromEntries(
		question.options.map((option) => [
			option.id,
			question.answer.includes(option.id) === response.choices.includes(option.id)
		])
	);
	return graded((right - wrong) / question.answer.length, parts);
}

export function gradeTrueFalse(question: QuestionOf<'truefalse'>, response: ResponseOf<'truefalse'>): Grade {
	return graded(response.value === question.answer ? 1 : 0);
}

export function gradeOrdering(question: QuestionOf<'ordering'>, response: ResponseOf<'ordering'>): Grade {
	const ids = question.items.map((item) => item.id);
	const unknown = unknownIds(response.order, ids);
	if (unknown.length > 0) return invalid(`"${unknown[0]}" is not one of the events to order`);
	const duplicate = firstDuplicate(response.order);
	if (duplicate) return invalid(`event "${duplicate}" is placed twice`);
	if (response.order.length !== ids.length) return invalid(`place all ${ids.length} events`);
	const rank = new Map(question.answer.map((id, index) => [id, index]));
	let pairs = 0;
	let inOrder = 0;
	for (let i = 0; i < response.order.length; i++) {
		for (let j = i + 1; j < response.order.length; j++) {
			pairs++;
			if ((rank.get(response.order[i] ?? '') ?? 0) < (rank.get(response.order[j] ?? '') ?? 0)) inOrder++;
		}
	}
	const parts = Object.fromEntries(response.order.map((id, index) => [id, question.answer[index] === id]));
	return graded(pairs === 0 ? 1 : inOrder / pairs, parts);
}

function gradeAssignments<V extends string>(
	items: readonly { id: string }[],
	values: readonly string[],
	answer: Record<string, V>,
	given: Record<string, string>,
	noun: { item: string; value: string }
): Grade {
	const unknownItems = unknownIds(
		Object.keys(given),
		items.map((item) => item.id)
	);
	if (unknownItems.length > 0) return invalid(`"${unknownItems[0]}" is not one of this question's ${noun.item}s`);
	// An empty value is what a form's unchosen select sends: it counts as no answer.
	const missing = items.filter((item) => given[item.id] === undefined || given[item.id] === '');
	if (missing.length > 0) return invalid(`give every ${noun.item} a ${noun.value} (${missing.length} left)`);
	const unknownValues = unknownIds(Object.values(given), values);
	if (unknownValues.length > 0) return invalid(`"${unknownValues[0]}" is not one of the ${noun.value}s offered`);
	const parts = Object.fromEntries(items.map((item) => [item.id, given[item.id] === answer[item.id]]));
	const right = Object.values(parts).filter(Boolean).length;
	return graded(right / items.length, parts);
}

export function gradeMatching(question: QuestionOf<'matching'>, response: ResponseOf<'matching'>): Grade {
	return gradeAssignments(
		question.quotes,
		question.speakers.map((speaker) => speaker.id),
		question.answer,
		response.matches,
		{ item: 'quote', value: 'speaker' }
	);
}

export function gradeClassification(
	question: QuestionOf<'classification'>,
	response: ResponseOf<'classification'>
): Grade {
	return gradeAssignments(question.statements, STATEMENT_KINDS, question.answer, response.kinds, {
		item: 'statement',
		value: 'kind'
	});
}

export function gradeMap(
	question: QuestionOf<'map'>,
	response: ResponseOf<'map'>,
	actorIds?: readonly string[]
): Grade {
	if (response.actor === '') return invalid('choose an actor');
	if (actorIds && !actorIds.includes(response.actor)) return invalid(`"${response.actor}" is not an actor on the map`);
	return graded(response.actor === question.answer ? 1 : 0);
}

/**
 * Grades any question. `actorIds` (the module's actors) lets a map answer naming no actor be
 * reported as invalid rather than wrong.
 */
export function grade(question: Question, response: Response, actorIds?: readonly string[]): Grade {
	if (question.type !== response.type) {
		return invalid(`a ${question.type} question cannot take a ${response.type} answer`);
	}
	// The type check above pairs question and response; TypeScript cannot narrow both at once.
	switch (question.type) {
		case 'single':
			return gradeSingle(question, response as ResponseOf<'single'>);
		case 'multiple':
			return gradeMultiple(question, response as ResponseOf<'multiple'>);
		case 'truefalse':
			return gradeTrueFalse(question, response as ResponseOf<'truefalse'>);
		case 'ordering':
			return gradeOrdering(question, response as ResponseOf<'ordering'>);
		case 'matching':
			return gradeMatching(question, response as ResponseOf<'matching'>);
		case 'classification':
			return gradeClassification(question, response as ResponseOf<'classification'>);
		case 'map':
			return gradeMap(question, response as ResponseOf<'map'>, actorIds);
	}
}
