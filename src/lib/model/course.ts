/**
 * The typed course model: what the loader produces from the lesson files at build time and what
 * routes and components read. Every Markdown field is already rendered to safe HTML (`*Html`),
 * and every reference has been checked, so nothing downstream needs to re-validate.
 */

export type StatementKind = 'fact' | 'claim' | 'denial' | 'speculation' | 'opinion';
export type RelationKind =
	| 'call'
	| 'meeting'
	| 'statement'
	| 'criticism'
	| 'defence'
	| 'publication'
	| 'other';

export const STATEMENT_KIND_LABELS: Record<StatementKind, string> = {
	fact: 'Reported fact',
	claim: 'Official claim',
	denial: 'Denial',
	speculation: 'Speculation',
	opinion: 'Opinion'
};

export interface Labelled {
	id: string;
	label: string;
}

export interface Source {
	id: string;
	outlet: string;
	title: string;
	date?: string;
	url?: string;
	kind: 'news' | 'analysis' | 'opinion' | 'compiled' | 'commentary' | 'primary';
	trace: string;
	note?: string;
}

export interface Actor {
	id: string;
	name: string;
	kind: 'person' | 'organisation';
	role: string;
	affiliation: string;
	side: string;
	bioHtml: string;
	sources: string[];
}

export interface CourseEvent {
	id: string;
	title: string;
	/** YYYY-MM-DD, or YYYY-MM when only the month is known. */
	date?: string;
	dateNote?: string;
	kind: RelationKind;
	track: string;
	summaryHtml: string;
	from: string;
	to: string[];
	participants: string[];
	/** Link target of the lesson section that tells this event: `/module/lesson#section`. */
	href?: string;
	sources: string[];
}

export interface Section {
	id: string;
	title: string;
	html: string;
}

export interface Option {
	id: string;
	text: string;
}

interface QuestionBase {
	id: string;
	promptHtml: string;
	section: string;
	explanationHtml: string;
	hintHtml?: string;
	sources: string[];
}

export type Question =
	| (QuestionBase & { type: 'single'; options: Option[]; answer: string })
	| (QuestionBase & { type: 'multiple'; options: Option[]; answer: string[] })
	| (QuestionBase & { type: 'truefalse'; answer: boolean })
	| (QuestionBase & {
			type: 'ordering';
			/** The events to order, as offered (file order). */
			items: Option[];
			/** The same ids in time order. */
			answer: string[];
	  })
	| (QuestionBase & {
			type: 'matching';
			/** Quotes to match, each with an id local to the question (`q1`, `q2`...). */
			quotes: Option[];
			/** Candidate speakers: actor ids with names. */
			speakers: Option[];
			/** Quote id → actor id. */
			answer: Record<string, string>;
	  })
	| (QuestionBase & {
			type: 'classification';
			statements: Option[];
			/** Statement id → kind. */
			answer: Record<string, StatementKind>;
	  })
	| (QuestionBase & { type: 'map'; answer: string });

export type QuestionType = Question['type'];

export interface Quiz {
	passMark: number;
	tries: number;
	questions: Question[];
}

export interface Lesson {
	slug: string;
	title: string;
	summary: string;
	minutes: number;
	objectives: string[];
	sections: Section[];
	focus: { actors: string[]; events: string[] };
	/** Source ids cited anywhere in the lesson, in order of first citation. */
	cited: string[];
	quiz: Quiz;
}

export interface Module {
	slug: string;
	title: string;
	summary: string;
	audience: string;
	minutes: number;
	objectives: string[];
	sides: Labelled[];
	tracks: Labelled[];
	mainSources: string[];
	lessons: Lesson[];
	actors: Actor[];
	events: CourseEvent[];
	sources: Source[];
}

export interface Course {
	modules: Module[];
}

export interface LessonSummary {
	slug: string;
	title: string;
	summary: string;
	minutes: number;
	objectives: string[];
	questionCount: number;
	passMark: number;
}

/** A module without its lessons' bodies: what every page of the module needs to know. */
export interface ModuleContext extends Omit<Module, 'lessons'> {
	lessons: LessonSummary[];
}
