/**
 * What a learner may see of a question before answering it: everything but the answer key, the
 * explanation and the hint. The classroom sends only this to the browser until the answer is
 * submitted; the quiz inputs render it, so they work the same with or without the key.
 */
import type { Question } from '../model/course.ts';

/** Fields that give the answer away, or only make sense after an answer. */
type Withheld = 'answer' | 'explanationHtml' | 'hintHtml';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export type PublicQuestion = DistributiveOmit<Question, Withheld>;
export type PublicQuestionOf<T extends PublicQuestion['type']> = Extract<PublicQuestion, { type: T }>;

export function publicQuestion(question: Question): PublicQuestion {
	// Listed field by field, per type, so that a field added to `Question` later is withheld until
	// someone decides it is safe to send.
	const base = {
		id: question.id,
		type: question.type,
		promptHtml: question.promptHtml,
		section: question.section,
		sources: [...question.sources]
	};
	switch (question.type) {
		case 'single':
		case 'multiple':
			return { ...base, type: question.type, options: question.options.map((option) => ({ ...option })) };
		case 'truefalse':
		case 'map':
			return { ...base, type: question.type };
		case 'ordering':
			return { ...base, type: 'ordering', items: question.items.map((item) => ({ ...item })) };
		case 'matching':
			return {
				...base,
				type: 'matching',
				quotes: question.quotes.map((quote) => ({ ...quote })),
				speakers: question.speakers.map((speaker) => ({ ...speaker }))
			};
		case 'classification':
			return {
				...base,
				type: 'classification',
				statements: question.statements.map((statement) => ({ ...statement }))
			};
	}
}

/** True when the question carries its answer key (a full `Question`, not a `PublicQuestion`). */
export function hasAnswerKey(question: Question | PublicQuestion): question is Question {
	return 'answer' in question;
}
