/**
 * Editorial standards of the "witkoff-leak" module that go beyond the format: quotations name who
 * said them, advocacy and the "controlled leak" thesis are attributed rather than adopted, every
 * section is cited and tested, quiz questions offer real alternatives, and the stated reading time
 * matches the text.
 */
import { describe, expect, it } from 'vitest';
import { blocksOf, textOf, witkoffLeak } from './witkoff-leak.module';

/** Phrases of advocacy or of a contested thesis in the sources: never a lesson's own voice. */
const ADVOCACY = /critical objective|most acceptable outcome|Opportunities for Ukraine|controlled leak|recruitment/i;
const AUTHORS = /Resurgam|espreso|opinion piece/;
/** Careful reading speeds for secondary-school and university students, in words a minute. */
const WORDS_PER_MINUTE = { slowest: 120, fastest: 200 };

const wordsIn = (html: string) => textOf(html).replace(/Source: \[[^\]]*\]/g, '').split(/\s+/).filter(Boolean).length;

describe('witkoff-leak: prose', () => {
	it('names the speaker of every quotation with an actor link', async () => {
		const problems: string[] = [];
		for (const lesson of (await witkoffLeak()).lessons) {
			for (const section of lesson.sections) {
				for (const quote of blocksOf(section.html).filter((block) => block.startsWith('<blockquote'))) {
					if (!quote.includes('class="actor"')) problems.push(`${lesson.slug}#${section.id}: ${textOf(quote).slice(0, 80)}`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('attributes advocacy and the controlled-leak thesis to their authors, never as fact or claim', async () => {
		const problems: string[] = [];
		let seen = 0;
		for (const lesson of (await witkoffLeak()).lessons) {
			for (const section of lesson.sections) {
				for (const block of blocksOf(section.html)) {
					const text = textOf(block);
					if (!ADVOCACY.test(text)) continue;
					seen++;
					const where = `${lesson.slug}#${section.id}: ${text.slice(0, 80)}`;
					if (!AUTHORS.test(text)) problems.push(`${where}: does not name its author`);
					if (/label-(?:fact|claim)"/.test(block)) problems.push(`${where}: labelled as fact or claim`);
				}
			}
		}
		expect(seen, 'passages that report advocacy or the thesis').toBeGreaterThanOrEqual(3);
		expect(problems).toEqual([]);
	});

	it('cites its sources in every section', async () => {
		const uncited = (await witkoffLeak()).lessons.flatMap((lesson) =>
			lesson.sections.filter((section) => !section.html.includes('class="cite"')).map((section) => `${lesson.slug}#${section.id}`)
		);
		expect(uncited).toEqual([]);
	});

	it('states a reading time that matches the length of its text', async () => {
		const problems: string[] = [];
		for (const lesson of (await witkoffLeak()).lessons) {
			const words = lesson.sections.reduce((sum, section) => sum + wordsIn(section.html), 0);
			const pace = words / lesson.minutes;
			if (pace < WORDS_PER_MINUTE.slowest || pace > WORDS_PER_MINUTE.fastest) {
				problems.push(`${lesson.slug}: ${words} words in ${lesson.minutes} minutes is ${Math.round(pace)} words a minute`);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('witkoff-leak: quizzes', () => {
	it('tests every section of every lesson', async () => {
		const untested = (await witkoffLeak()).lessons.flatMap((lesson) => {
			const tested = new Set(lesson.quiz.questions.map((question) => question.section));
			return lesson.sections.filter((section) => !tested.has(section.id)).map((section) => `${lesson.slug}#${section.id}`);
		});
		expect(untested).toEqual([]);
	});

	it('cites a source in every explanation', async () => {
		const uncited = (await witkoffLeak()).lessons.flatMap((lesson) =>
			lesson.quiz.questions.filter((question) => !question.explanationHtml.includes('class="cite"')).map((question) => `${lesson.slug} question ${question.id}`)
		);
		expect(uncited).toEqual([]);
	});

	it('offers real alternatives: enough options, wrong answers and distractors', async () => {
		const problems: string[] = [];
		for (const lesson of (await witkoffLeak()).lessons) {
			for (const question of lesson.quiz.questions) {
				const where = `${lesson.slug} question ${question.id}`;
				switch (question.type) {
					case 'single':
						if (question.options.length < 4) problems.push(`${where}: ${question.options.length} options, expected at least 4`);
						break;
					case 'multiple': {
						const wrong = question.options.length - question.answer.length;
						if (question.answer.length < 2 || wrong < 2) problems.push(`${where}: ${question.answer.length} right and ${wrong} wrong options, expected at least 2 of each`);
						break;
					}
					case 'matching':
						if (question.speakers.length <= question.quotes.length) problems.push(`${where}: no distractor among the speakers`);
						break;
					case 'classification':
						if (question.statements.length < 4 || new Set(Object.values(question.answer)).size < 3) {
							problems.push(`${where}: expected at least 4 statements of at least 3 kinds`);
						}
						break;
					case 'ordering':
						if (question.items.length < 4) problems.push(`${where}: ${question.items.length} events, expected at least 4`);
						break;
					default:
						break;
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('asks about the calls, the Flynn case and the reactions as who-spoke-to-whom map questions', async () => {
		const answers = (await witkoffLeak()).lessons.flatMap((lesson) =>
			lesson.quiz.questions.flatMap((question) => (question.type === 'map' ? [question.answer] : []))
		);
		expect(answers).toEqual(expect.arrayContaining(['yuri-ushakov', 'kirill-dmitriev', 'sergey-kislyak', 'don-bacon']));
	});
});
