/**
 * What every question input takes. Inputs are controlled: they show `value` and report changes
 * through `onchange`; without JavaScript they are plain form controls whose names come from
 * `answerField`, so a `<form method="post">` around them submits the answer as it stands.
 */
import type { QuestionType } from '$lib/model/course';
import type { ResponseOf } from '$lib/quiz/grade';
import type { PublicQuestionOf } from '$lib/quiz/public-question';

export interface InputProps<T extends QuestionType> {
	/** The question as this learner sees it (options in their order); answer keys are never needed. */
	question: PublicQuestionOf<T>;
	value?: ResponseOf<T>;
	onchange?: (response: ResponseOf<T>) => void;
	/** Locked while an answer is graded and after it is settled. */
	disabled?: boolean;
	/** After grading: part id (option, event, quote, statement) → was it right? Shown as text and icon. */
	marks?: Record<string, boolean>;
	/** Id of an element describing the whole question (a message about the answer, say). */
	describedBy?: string;
}
