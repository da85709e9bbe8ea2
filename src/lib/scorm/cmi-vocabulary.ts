/**
 * Backchannel's questions and answers in each SCORM version's interaction vocabulary (SCORM 1.2
 * RTE 3.4.2.8, SCORM 2004 4th ed. RTE 4.2.9): single, multiple and map questions are `choice`,
 * true/false is `true-false`, ordering is `sequencing`, matching and classification are
 * `matching` (part → answer). 1.2 separates with `,` and `.`; 2004 with `[,]` and `[.]`.
 */
import type { Question } from '../model/course.ts';
import type { Response } from '../quiz/grade.ts';
import type { InteractionType, ScormVersion } from './package-data.ts';

export function interactionType(question: Pick<Question, 'type'>): InteractionType {
	switch (question.type) {
		case 'truefalse':
			return 'true-false';
		case 'ordering':
			return 'sequencing';
		case 'matching':
		case 'classification':
			return 'matching';
		default:
			return 'choice';
	}
}

/** A question's answer key as the response that earns full marks. */
export function keyAsResponse(question: Question): Response {
	switch (question.type) {
		case 'single':
			return { type: 'single', choice: question.answer };
		case 'multiple':
			return { type: 'multiple', choices: [...question.answer] };
		case 'truefalse':
			return { type: 'truefalse', value: question.answer };
		case 'ordering':
			return { type: 'ordering', order: [...question.answer] };
		case 'matching':
			return { type: 'matching', matches: { ...question.answer } };
		case 'classification':
			return { type: 'classification', kinds: { ...question.answer } };
		case 'map':
			return { type: 'map', actor: question.answer };
	}
}

const DELIMITERS: Record<ScormVersion, { list: string; pair: string }> = {
	'1.2': { list: ',', pair: '.' },
	'2004': { list: '[,]', pair: '[.]' }
};

/** A response (or a key, through `keyAsResponse`) as this version writes it. */
export function responsePattern(version: ScormVersion, response: Response): string {
	const { list, pair } = DELIMITERS[version];
	const pairs = (assignments: Record<string, string>) =>
		Object.entries(assignments)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([part, answer]) => `${part}${pair}${answer}`)
			.join(list);
	switch (response.type) {
		case 'single':
			return response.choice;
		case 'multiple':
			return [...response.choices].sort().join(list);
		case 'truefalse':
			if (version === '1.2') return response.value ? 't' : 'f';
			return String(response.value);
		case 'ordering':
			return response.order.join(list);
		case 'matching':
			return pairs(response.matches);
		case 'classification':
			return pairs(response.kinds);
		case 'map':
			return response.actor;
	}
}

export const resultWord = (version: ScormVersion, correct: boolean): string =>
	correct ? 'correct' : version === '1.2' ? 'wrong' : 'incorrect';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** A duration: 1.2's `HHHH:MM:SS.SS`, 2004's ISO 8601 `PT#H#M#S`. */
export function timespan(version: ScormVersion, milliseconds: number): string {
	const centiseconds = Math.max(0, Math.round(milliseconds / 10));
	const hours = Math.floor(centiseconds / 360_000);
	const minutes = Math.floor((centiseconds % 360_000) / 6000);
	const seconds = (centiseconds % 6000) / 100;
	if (version === '1.2') {
		const whole = Math.floor(seconds);
		return `${pad(hours, 4)}:${pad(minutes)}:${pad(whole)}.${pad(Math.round((seconds - whole) * 100))}`;
	}
	return `PT${hours}H${minutes}M${Math.round(seconds * 100) / 100}S`;
}

/** A moment: 1.2's clock time `HH:MM:SS`, 2004's `YYYY-MM-DDThh:mm:ss`. */
export function moment(version: ScormVersion, date: Date): string {
	const iso = date.toISOString();
	return version === '1.2' ? iso.slice(11, 19) : iso.slice(0, 19);
}
