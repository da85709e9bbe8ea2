/**
 * Reads a QTI 1.2 assessment back into answer keys, the way an importer would: the choices each
 * response offers, and which values the scoring conditions reward.
 */
import { XMLParser } from 'fast-xml-parser';
import { pair, type AnswerKey } from '$lib/server/export/answer-key';

type Element = Record<string, unknown>;

const REPEATED = new Set([
	'item',
	'response_lid',
	'response_label',
	'respcondition',
	'varequal',
	'not',
	'qtimetadatafield'
]);

export const qtiParser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@_',
	isArray: (name) => REPEATED.has(name)
});

const list = (value: unknown): Element[] => (Array.isArray(value) ? (value as Element[]) : []);
const element = (value: unknown): Element => (value && typeof value === 'object' ? (value as Element) : {});
export const textOf = (node: Element): string => String(element(element(node.material).mattext)['#text'] ?? '');
const valueOf = (varequal: Element): string => String(varequal['#text']);

export function metadataOf(item: Element): Record<string, string> {
	const fields = list(element(element(item.itemmetadata).qtimetadata).qtimetadatafield);
	return Object.fromEntries(fields.map((field) => [String(field.fieldlabel), String(field.fieldentry)]));
}

export function itemsOf(xml: string): Element[] {
	const document = element(qtiParser.parse(xml));
	return list(element(element(element(document.questestinterop).assessment).section).item);
}

/** The scoring conditions that give marks (not the one that only shows feedback). */
export function scoringConditions(item: Element): Element[] {
	return list(element(item.resprocessing).respcondition).filter((condition) => condition.setvar !== undefined);
}

export function keyOfItem(item: Element): AnswerKey {
	const id = String(item['@_title']);
	const responses = list(element(item.presentation).response_lid);
	const labels = (response: Element) =>
		new Map(
			list(element(response.render_choice).response_label).map((label) => [String(label['@_ident']), textOf(label)])
		);
	const conditions = scoringConditions(item);
	const profile = metadataOf(item);
	if (profile.question_type === 'matching_question') {
		const correct = responses.map((response) => {
			const rewarded = conditions
				.flatMap((condition) => list(element(condition.conditionvar).varequal))
				.find((varequal) => varequal['@_respident'] === response['@_ident']);
			return pair(textOf(response), labels(response).get(rewarded ? valueOf(rewarded) : '') ?? '');
		});
		return { id, correct: correct.sort() };
	}
	const [response = {}] = responses;
	const conditionvar = element(conditions[0]?.conditionvar);
	const rewarded = list(element(conditionvar.and).varequal).concat(list(conditionvar.varequal)).map(valueOf);
	if (profile.cc_profile === 'cc.true_false.v0p1') return { id, correct: rewarded };
	return { id, correct: rewarded.map((value) => labels(response).get(value) ?? value).sort() };
}
