/**
 * Content checks for the "witkoff-leak" module: the lesson files load without errors and meet the
 * editorial brief (objectives, sections, quiz size and variety, cast, events, sources, spelling).
 * Every check collects its failures as readable strings (lesson, question, field) and compares the
 * list with [], so a failing run says exactly what to fix. Source URLs are checked by the loader
 * itself against their trace documents (see check-references.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Module, Question, QuestionType, StatementKind } from '$lib/model/course';
import { fileURLToPath } from 'node:url';
import { formatContentError } from '$lib/server/content/content-error';
import { checkItems, lessonQuestions } from '$lib/server/content/item-checks';
import { readModuleFiles } from '$lib/server/content/read-module-files';
import { blocksOf, lessonHtml, loadWitkoffLeak, MODULE_SLUG, textOf } from './witkoff-leak.module';

const LESSON_ORDER = ['context', 'calls', 'reactions', 'flynn-parallel'];
const ALL_TYPES: QuestionType[] = ['single', 'multiple', 'truefalse', 'ordering', 'matching', 'classification', 'map'];
const ALL_KINDS: StatementKind[] = ['fact', 'claim', 'denial', 'speculation', 'opinion'];
/** Typos found in the source documents (machine translation, missing spaces): never copied. */
const MISSPELLINGS = /Wiktoff|Uishako|Uixakov|Kakha Kallas|Majorie|Dmitrievanother|Thecloser|Sergei Kislyak|Zelenskiy/i;

/** The cast the brief requires, with the spelling each name must have. */
const REQUIRED_CAST: Record<string, string> = {
	'steve-witkoff': 'Steve Witkoff',
	'yuri-ushakov': 'Yuri Ushakov',
	'kirill-dmitriev': 'Kirill Dmitriev',
	'donald-trump': 'Donald Trump',
	'vladimir-putin': 'Vladimir Putin',
	'volodymyr-zelensky': 'Volodymyr Zelensky',
	'marco-rubio': 'Marco Rubio',
	'jd-vance': 'JD Vance',
	'dan-driscoll': 'Dan Driscoll',
	'steven-cheung': 'Steven Cheung',
	'richard-grenell': 'Richard Grenell',
	'glenn-greenwald': 'Glenn Greenwald',
	'ted-lieu': 'Ted Lieu',
	'gregory-meeks': 'Gregory Meeks',
	'don-bacon': 'Don Bacon',
	'brian-fitzpatrick': 'Brian Fitzpatrick',
	'mitch-mcconnell': 'Mitch McConnell',
	'roger-wicker': 'Roger Wicker',
	'sergei-ryabkov': 'Sergei Ryabkov',
	'dmitry-peskov': 'Dmitry Peskov',
	'kaja-kallas': 'Kaja Kallas',
	'ursula-von-der-leyen': 'Ursula von der Leyen',
	'emmanuel-macron': 'Emmanuel Macron',
	'william-taylor': 'William Taylor',
	'oliver-carroll': 'Oliver Carroll',
	'christopher-miller': 'Christopher Miller',
	'andrei-soldatov': 'Andrei Soldatov',
	'christo-grozev': 'Christo Grozev',
	'michael-flynn': 'Michael Flynn',
	'sergey-kislyak': 'Sergey Kislyak',
	'mike-pence': 'Mike Pence',
	'sally-yates': 'Sally Yates',
	bloomberg: 'Bloomberg'
};

/** Key dates of the story, as the sources give them. */
const KEY_DATES: Record<string, string> = {
	'flynn-un-vote-call': '2016-12-22',
	'flynn-kislyak-calls': '2016-12-29',
	'washington-post-column': '2017-01-12',
	'flynn-appointed': '2017-01-20',
	'flynn-fbi-interview': '2017-01-24',
	'doj-warns-white-house': '2017-01-26',
	'flynn-resigns': '2017-02-13',
	'flynn-guilty-plea': '2017-12-01',
	'flynn-case-dropped': '2020-05-07',
	'flynn-pardon': '2020-11-25',
	'witkoff-ushakov-call': '2025-10-14',
	'trump-putin-call': '2025-10-16',
	'trump-zelensky-meeting': '2025-10-17',
	'miami-meeting': '2025-10',
	'ushakov-dmitriev-call': '2025-10-29',
	'axios-report': '2025-11-19',
	'geneva-talks': '2025-11-23',
	'bloomberg-publication': '2025-11-25',
	'kallas-statement': '2025-11-26'
};

/** The five source documents and the kind each is, as a source of the module. */
const DOCUMENTS: Record<string, string> = {
	'000_2d9af14d1e02c49a.txt': 'analysis',
	'001_d70c0996fcc28e84.txt': 'compiled',
	'002_f3daf95517d11f5a.txt': 'news',
	'003_7846f9103d16216a.txt': 'opinion',
	'004_e254c270bfedd925.txt': 'commentary'
};
const ORIGINAL_OUTLETS = ['AP', 'Reuters', 'Newsweek', 'The Guardian', 'Al Jazeera', 'Euronews', 'Axios', 'ABC News', 'TIME', 'RBC-Ukraine', 'Bloomberg'];

let module: Module | undefined;
let loadErrors: string[] = [];

beforeAll(async () => {
	({ module, errors: loadErrors } = await loadWitkoffLeak());
});

function loaded(): Module {
	if (!module) throw new Error(`module "${MODULE_SLUG}" did not load:\n${loadErrors.join('\n')}`);
	return module;
}

const typesOf = (questions: Question[]) => new Set(questions.map((question) => question.type));

/** Every learner-visible text of a question, labelled with where it sits. */
function questionTexts(question: Question): [string, string][] {
	const texts: [string, string][] = [
		['prompt', question.promptHtml],
		['explanation', question.explanationHtml]
	];
	if (question.hintHtml) texts.push(['hint', question.hintHtml]);
	switch (question.type) {
		case 'single':
		case 'multiple':
			question.options.forEach((option) => texts.push([`option ${option.id}`, option.text]));
			break;
		case 'matching':
			question.quotes.forEach((quote) => texts.push([`quote ${quote.id}`, quote.text]));
			break;
		case 'classification':
			question.statements.forEach((statement) => texts.push([`statement ${statement.id}`, statement.text]));
			break;
		case 'ordering':
			question.items.forEach((item) => texts.push([`item ${item.id}`, item.text]));
			break;
		default:
			break;
	}
	return texts;
}

describe('witkoff-leak: loading', () => {
	it('loads every lesson file without errors', () => {
		expect(loadErrors).toEqual([]);
		expect(module, `module "${MODULE_SLUG}" is missing from the course`).toBeDefined();
	});

	it('says its reporting ends on 29 November 2025, and tells no event after that day', () => {
		expect(loaded().asOf).toBe('2025-11-29');
		const later = loaded().events.filter((event) => (event.date ?? '') > '2025-11-29');
		expect(later.map((event) => `${event.id} (${event.date})`)).toEqual([]);
	});

	it('teaches the four lessons in order', () => {
		expect(loaded().lessons.map((lesson) => lesson.slug)).toEqual(LESSON_ORDER);
	});
});

describe('witkoff-leak: item-writing rules', () => {
	const files = () => {
		const dir = fileURLToPath(new URL(`../../lessons/${MODULE_SLUG}`, import.meta.url));
		return readModuleFiles(dir, MODULE_SLUG, fileURLToPath(new URL('../..', import.meta.url))).files;
	};

	it('passes the loader’s item checks (length cue, true/false balance, hints, repeated options)', () => {
		expect(checkItems(lessonQuestions(files()?.lessons ?? [])).map(formatContentError)).toEqual([]);
	});

	it('silences no check without a written reason', () => {
		const silenced = (files()?.lessons ?? []).flatMap((lesson) =>
			lesson.frontmatter.quiz.questions.flatMap((question) =>
				question.checks && question.checks.reason.trim().split(/\s+/).length < 5
					? [`${lesson.slug} question ${question.id}: ${question.checks.reason}`]
					: []
			)
		);
		expect(silenced).toEqual([]);
	});
});

describe('witkoff-leak: each lesson', () => {
	it('has 3–5 objectives and 4–6 sections', () => {
		const problems: string[] = [];
		for (const lesson of loaded().lessons) {
			const objectives = lesson.objectives.length;
			if (objectives < 3 || objectives > 5) problems.push(`${lesson.slug}: ${objectives} objectives, expected 3–5`);
			const sections = lesson.sections.length;
			if (sections < 4 || sections > 6) problems.push(`${lesson.slug}: ${sections} sections, expected 4–6`);
			if (lesson.minutes < 5 || lesson.minutes > 10) problems.push(`${lesson.slug}: ${lesson.minutes} minutes, expected 5–10`);
		}
		expect(problems).toEqual([]);
	});

	it('has a quiz of at least 10 questions of at least 4 types', () => {
		const problems: string[] = [];
		for (const lesson of loaded().lessons) {
			const { questions } = lesson.quiz;
			if (questions.length < 10) problems.push(`${lesson.slug}: ${questions.length} questions, expected at least 10`);
			const types = typesOf(questions);
			if (types.size < 4) problems.push(`${lesson.slug}: ${types.size} question types (${[...types].join(', ')}), expected at least 4`);
		}
		expect(problems).toEqual([]);
	});

	it('names each of its focus actors in its sections', () => {
		const current = loaded();
		const problems: string[] = [];
		for (const lesson of current.lessons) {
			const html = lessonHtml(lesson);
			for (const id of lesson.focus.actors) {
				const actor = current.actors.find((candidate) => candidate.id === id);
				const linked = html.includes(`#${id}"`);
				const named = actor ? html.includes(actor.name) : false;
				if (!linked && !named) problems.push(`${lesson.slug}: focus actor "${id}" is neither linked nor named in the lesson`);
			}
		}
		expect(problems).toEqual([]);
	});

	it('labels the kinds of statements it presents', () => {
		const problems: string[] = [];
		for (const lesson of loaded().lessons) {
			const kinds = ALL_KINDS.filter((kind) => lessonHtml(lesson).includes(`label-${kind}"`));
			if (kinds.length < 3) problems.push(`${lesson.slug}: uses statement labels ${kinds.join(', ') || 'none'}, expected at least 3 kinds`);
		}
		expect(problems).toEqual([]);
	});

	it('never presents who leaked the calls as a reported fact', () => {
		const problems: string[] = [];
		const hedged = /did not (?:disclose|name)|not named|no document|open question|nobody knows|unknown/i;
		let facts = 0;
		for (const lesson of loaded().lessons) {
			for (const section of lesson.sections) {
				for (const block of blocksOf(section.html)) {
					if (!/^<[a-z]+[^>]*>\s*(?:<p>)?\s*<span class="label label-fact">/.test(block)) continue;
					facts++;
					const text = textOf(block);
					if (/\bleak(?:ed|er)\b/i.test(text) && !hedged.test(text)) {
						problems.push(`${lesson.slug}#${section.id}: a [!fact] paragraph speaks of the leaker without hedging: ${text.slice(0, 120)}`);
					}
				}
			}
		}
		expect(facts, 'reported-fact paragraphs examined').toBeGreaterThan(20);
		expect(problems).toEqual([]);
	});
});

describe('witkoff-leak: the quiz across the module', () => {
	it('has at least 42 questions, every question type, and at least 2 map questions', () => {
		const questions = loaded().lessons.flatMap((lesson) => lesson.quiz.questions);
		expect(questions.length, 'questions in the module').toBeGreaterThanOrEqual(42);
		const missing = ALL_TYPES.filter((type) => !typesOf(questions).has(type));
		expect(missing, 'question types never used in the module').toEqual([]);
		expect(questions.filter((question) => question.type === 'map').length, 'map questions').toBeGreaterThanOrEqual(2);
	});

	it('classification questions cover all five statement kinds', () => {
		const kinds = new Set<string>();
		for (const lesson of loaded().lessons) {
			for (const question of lesson.quiz.questions) {
				if (question.type === 'classification') Object.values(question.answer).forEach((kind) => kinds.add(kind));
			}
		}
		expect(ALL_KINDS.filter((kind) => !kinds.has(kind)), 'statement kinds never asked about').toEqual([]);
	});

	it('gives every question an explanation and sources that exist', () => {
		const current = loaded();
		const sourceIds = new Set(current.sources.map((source) => source.id));
		const problems: string[] = [];
		for (const lesson of current.lessons) {
			for (const question of lesson.quiz.questions) {
				const where = `${lesson.slug} question ${question.id}`;
				if (question.explanationHtml.trim() === '') problems.push(`${where}: no explanation`);
				if (question.sources.length === 0) problems.push(`${where}: no sources`);
				for (const id of question.sources) {
					if (!sourceIds.has(id)) problems.push(`${where}: source "${id}" is not in sources.yaml`);
				}
			}
		}
		expect(problems).toEqual([]);
	});

	it('answers map and matching questions with actors of the module', () => {
		const current = loaded();
		const actorIds = new Set(current.actors.map((actor) => actor.id));
		const problems: string[] = [];
		for (const lesson of current.lessons) {
			for (const question of lesson.quiz.questions) {
				const where = `${lesson.slug} question ${question.id}`;
				if (question.type === 'map' && !actorIds.has(question.answer)) problems.push(`${where}: map answer "${question.answer}" is not an actor`);
				if (question.type === 'matching') {
					for (const speaker of Object.values(question.answer)) {
						if (!actorIds.has(speaker)) problems.push(`${where}: speaker "${speaker}" is not an actor`);
					}
				}
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('witkoff-leak: cast, events and sources', () => {
	it('has at least 25 actors, including the required cast spelt correctly', () => {
		const current = loaded();
		expect(current.actors.length, 'actors').toBeGreaterThanOrEqual(25);
		const problems: string[] = [];
		for (const [id, name] of Object.entries(REQUIRED_CAST)) {
			const actor = current.actors.find((candidate) => candidate.id === id);
			if (!actor) problems.push(`actor "${id}" (${name}) is missing`);
			else if (actor.name !== name) problems.push(`actor "${id}" is named "${actor.name}", expected "${name}"`);
		}
		expect(problems).toEqual([]);
	});

	it('has at least 15 events with the key dates of the story', () => {
		const current = loaded();
		expect(current.events.length, 'events').toBeGreaterThanOrEqual(15);
		const problems: string[] = [];
		for (const [id, date] of Object.entries(KEY_DATES)) {
			const event = current.events.find((candidate) => candidate.id === id);
			if (!event) problems.push(`event "${id}" is missing`);
			else if (event.date !== date) problems.push(`event "${id}" is dated ${event.date ?? 'nothing'}, expected ${date}`);
		}
		const miami = current.events.find((event) => event.id === 'miami-meeting');
		if (miami && !miami.dateNote) problems.push('event "miami-meeting" is dated to the month only and needs a dateNote');
		expect(problems).toEqual([]);
	});

	it('dates Flynn’s time in office to 24 days', () => {
		const current = loaded();
		const day = (id: string) => Date.parse(current.events.find((event) => event.id === id)?.date ?? '');
		expect((day('flynn-resigns') - day('flynn-appointed')) / 86_400_000).toBe(24);
	});

	it('cites the original outlets and the five documents, each traced to a document', () => {
		const current = loaded();
		const problems: string[] = [];
		for (const outlet of ORIGINAL_OUTLETS) {
			if (!current.sources.some((source) => source.outlet === outlet)) problems.push(`no source from ${outlet}`);
		}
		for (const [document, kind] of Object.entries(DOCUMENTS)) {
			if (!current.sources.some((source) => source.trace === document && source.kind === kind)) {
				problems.push(`document ${document} is not itself listed as a source of kind "${kind}"`);
			}
		}
		for (const source of current.sources) {
			if (!(source.trace in DOCUMENTS)) problems.push(`source "${source.id}" traces to unknown document "${source.trace}"`);
		}
		expect(problems).toEqual([]);
	});
});

describe('witkoff-leak: spelling', () => {
	it('never copies the misspellings found in the source documents', () => {
		const current = loaded();
		const problems: string[] = [];
		const check = (where: string, text: string) => {
			const match = MISSPELLINGS.exec(text);
			if (match) problems.push(`${where}: contains the misspelling "${match[0]}"`);
		};
		for (const lesson of current.lessons) {
			check(`${lesson.slug}: title`, lesson.title);
			check(`${lesson.slug}: summary`, lesson.summary);
			lesson.objectives.forEach((objective, index) => check(`${lesson.slug}: objective ${index + 1}`, objective));
			for (const section of lesson.sections) check(`${lesson.slug}#${section.id}`, `${section.title}\n${section.html}`);
			for (const question of lesson.quiz.questions) {
				for (const [field, text] of questionTexts(question)) check(`${lesson.slug} question ${question.id} ${field}`, text);
			}
		}
		for (const actor of current.actors) check(`actor ${actor.id}`, `${actor.name}\n${actor.role}\n${actor.affiliation}\n${actor.bioHtml}`);
		for (const event of current.events) check(`event ${event.id}`, `${event.title}\n${event.summaryHtml}\n${event.dateNote ?? ''}`);
		for (const source of current.sources) check(`source ${source.id}`, `${source.title}\n${source.note ?? ''}`);
		expect(problems).toEqual([]);
	});
	it('tells learners where a source comes from in words, never by file name, document number or link number', () => {
		const current = loaded();
		const internal = /\d{3}_[0-9a-f]{16}\.txt|\bdocuments? 00\d|\blinks? \[\d+\]/i;
		const texts: [string, string][] = [
			...current.sources.map((source): [string, string] => [`source ${source.id}`, `${source.title}\n${source.note ?? ''}`]),
			...current.events.map((event): [string, string] => [`event ${event.id}`, `${event.summaryHtml}\n${event.dateNote ?? ''}`]),
			...current.lessons.flatMap((lesson) => [
				...lesson.sections.map((section): [string, string] => [`${lesson.slug}#${section.id}`, section.html]),
				...lesson.quiz.questions.flatMap((question) =>
					questionTexts(question).map(([field, text]): [string, string] => [`${lesson.slug} question ${question.id} ${field}`, text])
				)
			])
		];
		expect(texts.filter(([, text]) => internal.test(text)).map(([where, text]) => `${where}: ${internal.exec(text)?.[0]}`)).toEqual([]);
	});
});
