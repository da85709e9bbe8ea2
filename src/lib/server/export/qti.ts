/**
 * QTI 1.2 items in the Common Cartridge profile (CC 1.3, "QTI 1.2.1 profile"): single choice,
 * multiple response and true/false are `cc.multiple_choice.v0p1`, `cc.multiple_response.v0p1` and
 * `cc.true_false.v0p1`. The profile has no matching type, so matching, ordering (event → place)
 * and classification (statement → kind) are plain QTI 1.2 items with one `response_lid` per part,
 * marked `matching_question` the way Canvas reads them; each right part adds its share of SCORE.
 * A map question needs the network map and is left out, named in a comment.
 */
import { STATEMENT_KIND_LABELS, STATEMENT_KINDS, type Option, type Question } from '../../model/course.ts';
import { orderingPositions } from './answer-key.ts';
import { plainText } from './plain-text.ts';
import type { XmlNode } from './xml.ts';

const metadata = (fields: Record<string, string>): XmlNode => ({
	qtimetadata: {
		qtimetadatafield: Object.entries(fields).map(([label, entry]) => ({ fieldlabel: label, fieldentry: entry }))
	}
});

const material = (text: string): XmlNode => ({ material: { mattext: { '@_texttype': 'text/plain', '#text': text } } });

const choices = (options: readonly Option[]): XmlNode => ({
	render_choice: {
		response_label: options.map((option) => ({ '@_ident': option.id, ...material(option.text) }))
	}
});

const SCORE = {
	outcomes: { decvar: { '@_varname': 'SCORE', '@_vartype': 'Decimal', '@_minvalue': '0', '@_maxvalue': '100' } }
};

const setScore = (action: 'Set' | 'Add', value: number): XmlNode => ({
	setvar: { '@_varname': 'SCORE', '@_action': action, '#text': String(Math.round(value * 1000) / 1000) }
});

const equal = (respident: string, value: string): XmlNode => ({ '@_respident': respident, '#text': value });

/** A part of a matching-like item: its text, the answers offered, the right one. */
interface Part {
	id: string;
	text: string;
	right: string;
}

function matchingParts(question: Question): { parts: Part[]; answers: Option[] } | undefined {
	switch (question.type) {
		case 'matching':
			return {
				parts: question.quotes.map((quote) => ({
					id: quote.id,
					text: quote.text,
					right: question.answer[quote.id] ?? ''
				})),
				answers: question.speakers
			};
		case 'classification':
			return {
				parts: question.statements.map((statement) => ({
					id: statement.id,
					text: statement.text,
					right: question.answer[statement.id] ?? ''
				})),
				answers: STATEMENT_KINDS.map((kind) => ({ id: kind, text: STATEMENT_KIND_LABELS[kind] }))
			};
		case 'ordering': {
			const positions = orderingPositions(question);
			return {
				parts: positions.map(([item, position]) => ({ id: item.id, text: item.text, right: `place-${position}` })),
				answers: positions.map((_, index) => ({ id: `place-${index + 1}`, text: String(index + 1) }))
			};
		}
		default:
			return undefined;
	}
}

function feedback(question: Question): XmlNode {
	return { '@_ident': 'general_fb', flow_mat: material(plainText(question.explanationHtml)) };
}

const responseId = (question: Question): string => `response-${question.id}`;

/** The item's presentation and scoring; `undefined` for a question QTI cannot carry. */
function body(
	question: Question
): { profile: Record<string, string>; presentation: XmlNode; conditions: XmlNode[] } | undefined {
	const id = responseId(question);
	const right = (value: string): XmlNode => ({
		'@_continue': 'No',
		conditionvar: { varequal: equal(id, value) },
		...setScore('Set', 100)
	});
	switch (question.type) {
		case 'single':
			return {
				profile: { cc_profile: 'cc.multiple_choice.v0p1', cc_weighting: '1' },
				presentation: { response_lid: { '@_ident': id, '@_rcardinality': 'Single', ...choices(question.options) } },
				conditions: [right(question.answer)]
			};
		case 'truefalse':
			return {
				profile: { cc_profile: 'cc.true_false.v0p1', cc_weighting: '1' },
				presentation: {
					response_lid: {
						'@_ident': id,
						'@_rcardinality': 'Single',
						...choices([
							{ id: 'true', text: 'True' },
							{ id: 'false', text: 'False' }
						])
					}
				},
				conditions: [right(String(question.answer))]
			};
		case 'multiple':
			return {
				profile: { cc_profile: 'cc.multiple_response.v0p1', cc_weighting: '1' },
				presentation: { response_lid: { '@_ident': id, '@_rcardinality': 'Multiple', ...choices(question.options) } },
				// The profile's scoring: full marks for exactly the right set (QTI 1.2 has no floor at 0 for negative parts).
				conditions: [
					{
						'@_continue': 'No',
						conditionvar: {
							and: {
								varequal: question.answer.map((value) => equal(id, value)),
								not: question.options
									.filter((option) => !question.answer.includes(option.id))
									.map((option) => ({ varequal: equal(id, option.id) }))
							}
						},
						...setScore('Set', 100)
					}
				]
			};
		case 'matching':
		case 'ordering':
		case 'classification': {
			const matching = matchingParts(question);
			if (!matching) return undefined;
			const share = 100 / matching.parts.length;
			return {
				profile: { question_type: 'matching_question', points_possible: '1' },
				presentation: {
					response_lid: matching.parts.map((part) => ({
						'@_ident': `${id}-${part.id}`,
						'@_rcardinality': 'Single',
						...material(part.text),
						...choices(matching.answers)
					}))
				},
				// continue="Yes": QTI 1.2 stops at the first matching condition otherwise, and every part counts.
				conditions: matching.parts.map((part) => ({
					'@_continue': 'Yes',
					conditionvar: { varequal: equal(`${id}-${part.id}`, part.right) },
					...setScore('Add', share)
				}))
			};
		}
		case 'map':
			return undefined;
	}
}

const NOTES: Partial<Record<Question['type'], string>> = {
	ordering: ' (Give each event its place in time: 1 is the earliest.)',
	classification: ' (Give each statement its kind.)'
};

/** Why a question cannot be written as a QTI item here, or `undefined` when it can. */
export function qtiCannotExpress(question: Question): string | undefined {
	return question.type === 'map'
		? 'it asks the learner to find an actor on the interactive network map, which a QTI item cannot show'
		: undefined;
}

/** The comment that stands for a question left out. */
export const leftOutComment = (question: Question): string =>
	` Not exported: question "${question.id}" (${question.type}): ${qtiCannotExpress(question) ?? ''}. `;

/** Shows the explanation once the learner has answered, whatever the answer. */
const SHOW_FEEDBACK: XmlNode = {
	'@_continue': 'Yes',
	conditionvar: { other: '' },
	displayfeedback: { '@_feedbacktype': 'Response', '@_linkrefid': 'general_fb' }
};

export function qtiItem(question: Question): XmlNode | undefined {
	const parts = body(question);
	if (!parts) return undefined;
	return {
		'@_ident': `item-${question.id}`,
		'@_title': question.id,
		itemmetadata: metadata(parts.profile),
		presentation: { ...material(plainText(question.promptHtml) + (NOTES[question.type] ?? '')), ...parts.presentation },
		resprocessing: { ...SCORE, respcondition: [SHOW_FEEDBACK, ...parts.conditions] },
		itemfeedback: feedback(question)
	};
}
