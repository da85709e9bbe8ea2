/** Words the quiz shows, in one place: outcomes with a symbol and a word (never colour alone). */
import type { Quiz } from '$lib/model/course';
import type { Outcome } from '$lib/quiz/quiz-rules';
import { formatPercent } from '$lib/format-percent';

/** Engine messages are lower-case fragments ("choose an answer"): shown as sentences. */
export function sentence(message: string): string {
	const text = message.charAt(0).toUpperCase() + message.slice(1);
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
	return `${count} ${count === 1 ? one : many}`;
}

/**
 * The quiz's size and rules, promising only what holds: a hint after a wrong try needs a second
 * try and a question with a hint.
 */
export function quizIntro(quiz: Pick<Quiz, 'questions' | 'passMark' | 'tries'>): string {
	const total = quiz.questions.length;
	const hinted = quiz.tries > 1 ? quiz.questions.filter((question) => question.hintHtml !== undefined).length : 0;
	const hints =
		hinted === 0
			? ''
			: hinted === total
				? ', with a hint after a wrong try'
				: `, with a hint after a wrong try on ${hinted} of them`;
	return `${plural(total, 'question')} · pass mark ${formatPercent(quiz.passMark)} · ${plural(quiz.tries, 'try', 'tries')} per question${hints}.`;
}

export interface OutcomeLabel {
	symbol: string;
	text: string;
	tone: 'right' | 'partial' | 'wrong';
}

export function outcomeLabel(outcome: Outcome | undefined): OutcomeLabel {
	if (!outcome) return { symbol: '–', text: 'Not answered', tone: 'wrong' };
	if (outcome.revealed) return { symbol: '✗', text: 'Solution shown', tone: 'wrong' };
	if (outcome.correct && outcome.answerShownBefore)
		return { symbol: '✓', text: 'Right, after seeing the answer', tone: 'right' };
	if (outcome.correct) return { symbol: '✓', text: 'Right', tone: 'right' };
	if (outcome.score > 0)
		return { symbol: '◐', text: `Partly right (${formatPercent(outcome.score)})`, tone: 'partial' };
	return { symbol: '✗', text: 'Not right', tone: 'wrong' };
}

/** Plain text of inline HTML, for short labels (a prompt in the results list). */
export function textOf(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replace(
			/&(amp|quot|#39|lt|gt);/g,
			(_entity, name: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[name] ?? ''
		)
		.trim();
}
