/**
 * The measurable item-writing rules of `lessons/README.md`, checked over a list of questions: the
 * loader runs them over every public question of a module, and the same function serves any other
 * list (held-back assessment items). A cue a student can exploit without reading is a defect, so
 * these fail the build like any other content error, located at the item at fault.
 *
 * A question may silence a check with `checks: { allow: [<check>], reason: "..." }`; a silenced
 * question is left out of the module-wide counts, and an allowance that silences nothing is
 * reported so stale ones do not pile up.
 */
import type { ContentError, FieldPath } from './content-error.ts';
import type { LessonFile } from './read-module-files.ts';
import type { ITEM_CHECKS, QuestionEntry } from './schema.ts';
import type { YamlSource } from './yaml-source.ts';
import { formatPercent } from '../../format-percent.ts';

export type ItemCheck = (typeof ITEM_CHECKS)[number];

/** A question with where it is written, so every finding points at the file and field. */
export interface LocatedQuestion {
	entry: QuestionEntry;
	source: YamlSource;
	path: FieldPath;
}

/** The correct option counts as a length cue when it beats every distractor by more than this. */
export const LONGEST_MARGIN = 1.1;
/** At most this share of choice items may carry the length cue: some must, or its absence is a cue. */
export const MAX_LONGEST_SHARE = 1 / 3;
/** The share of true/false items keyed true must lie in this range. */
export const TRUE_SHARE = { min: 0.4, max: 0.6 } as const;

/** Every held-back variant of the module's lessons, checked as a list of its own: a student meets
 * them apart from the public quiz, so their cues are counted apart too. */
export function heldBackQuestions(lessons: readonly LessonFile[]): LocatedQuestion[] {
	return lessons.flatMap(({ assessment }) => {
		if (!assessment) return [];
		const { source } = assessment;
		return assessment.value.slots.flatMap((slot, slotIndex) =>
			slot.variants.map((entry, index) => ({ entry, source, path: ['slots', slotIndex, 'variants', index] }))
		);
	});
}

export function lessonQuestions(lessons: readonly LessonFile[]): LocatedQuestion[] {
	return lessons.flatMap((lesson) =>
		lesson.frontmatter.quiz.questions.map((entry, index) => ({
			entry,
			source: lesson.source,
			path: ['quiz', 'questions', index]
		}))
	);
}

type ChoiceEntry = Extract<QuestionEntry, { type: 'single' | 'multiple' }>;
type TrueFalseEntry = Extract<QuestionEntry, { type: 'truefalse' }>;

const allows = (entry: QuestionEntry, check: ItemCheck) => entry.checks?.allow.includes(check) ?? false;
const correctIds = (entry: ChoiceEntry) => new Set(typeof entry.answer === 'string' ? [entry.answer] : entry.answer);
/** Case, spacing and closing punctuation do not make a repeated text different. */
const normalise = (text: string) =>
	text
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.replace(/[.!?;:,\s]+$/, '')
		.trim();

/** The index of the correct option that is longer than every distractor by the margin, if any. */
export function longestOptionCue(entry: ChoiceEntry): number | undefined {
	const correct = correctIds(entry);
	let longestCorrect = -1;
	let longestWrong = 0;
	entry.options.forEach((option, index) => {
		const length = option.text.trim().length;
		if (!correct.has(option.id)) longestWrong = Math.max(longestWrong, length);
		else if (longestCorrect < 0 || length > (entry.options[longestCorrect]?.text.trim().length ?? 0))
			longestCorrect = index;
	});
	const correctLength = entry.options[longestCorrect]?.text.trim().length ?? 0;
	return longestCorrect >= 0 && correctLength > longestWrong * LONGEST_MARGIN ? longestCorrect : undefined;
}

function checkLongestOption(questions: readonly LocatedQuestion[]): ContentError[] {
	const choices = questions.flatMap((question) => {
		const { entry } = question;
		return (entry.type === 'single' || entry.type === 'multiple') && !allows(entry, 'longest-option')
			? [{ question, entry, cue: longestOptionCue(entry) }]
			: [];
	});
	const cued = choices.filter((choice) => choice.cue !== undefined);
	if (cued.length <= choices.length * MAX_LONGEST_SHARE) return [];
	const limit = Math.floor(choices.length * MAX_LONGEST_SHARE);
	return cued.map(({ question, cue }) =>
		question.source.errorAt(
			[...question.path, 'options', cue ?? 0, 'text'],
			`expected the correct option to be the longest by more than 10% in at most 1 in 3 single/multiple items (${limit} of ${choices.length}), found it here and in ${cued.length - 1} other${cued.length === 2 ? '' : 's'}: shorten it or write a distractor as long`
		)
	);
}

function checkTrueFalseBalance(questions: readonly LocatedQuestion[]): ContentError[] {
	const items = questions.filter(
		(question): question is LocatedQuestion & { entry: TrueFalseEntry } =>
			question.entry.type === 'truefalse' && !allows(question.entry, 'truefalse-balance')
	);
	if (items.length === 0) return [];
	const trueCount = items.filter((item) => item.entry.answer).length;
	const share = trueCount / items.length;
	// An odd count such as 3 cannot reach 40–60%: one key more of either kind is as even as it gets.
	const nearlyEven = Math.abs(2 * trueCount - items.length) <= 1;
	if (nearlyEven || (share >= TRUE_SHARE.min && share <= TRUE_SHARE.max)) return [];
	const majority = share > TRUE_SHARE.max;
	return items
		.filter((item) => item.entry.answer === majority)
		.map((item) =>
			item.source.errorAt(
				[...item.path, 'answer'],
				`expected 40–60% of true/false items keyed true, found ${trueCount} of ${items.length} (${formatPercent(share)}): this item is one of the ${majority ? trueCount : items.length - trueCount} keyed ${majority}`
			)
		);
}

function checkHint({ entry, source, path }: LocatedQuestion): ContentError[] {
	if (entry.hint !== undefined || allows(entry, 'hint')) return [];
	return [
		source.errorAt(
			[...path, 'hint'],
			'expected a hint that points at the reasoning (every quiz offers one after a wrong try), found none'
		)
	];
}

/** Each distractor that repeats a correct option's text, with the id of the option it repeats. */
export function repeatedOptions(entry: QuestionEntry): { index: number; repeats: string }[] {
	if (entry.type !== 'single' && entry.type !== 'multiple') return [];
	const correct = correctIds(entry);
	const answers = entry.options.filter((option) => correct.has(option.id));
	return entry.options.flatMap((option, index) => {
		if (correct.has(option.id)) return [];
		const repeated = answers.find((answer) => normalise(option.text).includes(normalise(answer.text)));
		return repeated ? [{ index, repeats: repeated.id }] : [];
	});
}

function checkRepeatedOption({ entry, source, path }: LocatedQuestion): ContentError[] {
	if (allows(entry, 'repeated-option')) return [];
	return repeatedOptions(entry).map(({ index, repeats }) =>
		source.errorAt(
			[...path, 'options', index, 'text'],
			`expected a distractor that does not repeat the text of the correct option "${repeats}", found it repeated`
		)
	);
}

/** An allowance must silence something: one that no longer applies is reported for removal. */
function checkAllowances(question: LocatedQuestion, findings: Map<ItemCheck, boolean>): ContentError[] {
	const { entry, source, path } = question;
	return (entry.checks?.allow ?? []).flatMap((check, index) =>
		findings.get(check)
			? []
			: [
					source.errorAt(
						[...path, 'checks', 'allow', index],
						`expected an allowed check that this question fails, found "${check}", which it passes: remove it`
					)
				]
	);
}

/** What each check would say about a question on its own, ignoring its allowances. */
function wouldFail(entry: QuestionEntry): Map<ItemCheck, boolean> {
	const choice = entry.type === 'single' || entry.type === 'multiple';
	return new Map<ItemCheck, boolean>([
		['longest-option', choice && longestOptionCue(entry) !== undefined],
		// Any true/false item can tip the balance, so silencing one is always meaningful.
		['truefalse-balance', entry.type === 'truefalse'],
		['hint', entry.hint === undefined],
		['repeated-option', repeatedOptions(entry).length > 0]
	]);
}

export function checkItems(questions: readonly LocatedQuestion[]): ContentError[] {
	return [
		...checkLongestOption(questions),
		...checkTrueFalseBalance(questions),
		...questions.flatMap((question) => [
			...checkHint(question),
			...checkRepeatedOption(question),
			...checkAllowances(question, wouldFail(question.entry))
		])
	];
}
