/**
 * The typed course model: what the loader produces from the lesson files at build time and what
 * routes and components read. Every Markdown field is already rendered to safe HTML (`*Html`),
 * and every reference has been checked, so nothing downstream needs to re-validate. Each type
 * that comes from a lesson file is held to its zod schema by server/content/model-matches-schema.ts
 * (`npm run check`): a field added here must be added there, or listed as one the loader makes.
 */
import type { PassMark } from '../pass-mark.ts';

/** What kind of statement a learner reads: the one list, in the order quizzes and legends show it. */
export const STATEMENT_KINDS = ['fact', 'claim', 'denial', 'speculation', 'opinion'] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];
/** The id of one of the module's relation kinds (see RelationKindDefinition). */
export type RelationKind = string;

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

/**
 * A kind of relation between actors, as the module declares it in `module.yaml` (or the default
 * set, relation-kinds.ts): what the legend calls it, how sentences and tables word it, and whether
 * it has a direction. Its drawing (line style, end mark, colour) comes from its position in the
 * module's list (symbols.ts), as a side's shape does.
 */
export interface RelationKindDefinition {
	id: string;
	/** The legend's name for the kind: "Call", "Criticism". */
	label: string;
	/**
	 * Whether the sources attest a direction (who criticised whom): drawn with an end mark at the
	 * target only. An undirected relation (a call, where the sources seldom say who placed it) is
	 * marked alike at both ends, or not at all, and reads "with" from either end.
	 */
	directed: boolean;
	/** The relation in words before the other actor, seen from `from`: "Call with", "Criticism of". */
	phrase: string;
	/** The same, seen from an actor in `to`: "Call with", "Criticism by". */
	reverse: string;
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
	passMark: PassMark;
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
	/**
	 * The lesson's own network map: its focus laid out on its own (see focus-layout.ts), computed
	 * once by the loader like the module's `network`, so a page's `load` only selects it.
	 */
	mapLayout: NetworkLayout;
}

export interface Module {
	slug: string;
	title: string;
	summary: string;
	audience: string;
	minutes: number;
	/** The last day of the reporting the module draws on (YYYY-MM-DD), shown on its overview. */
	asOf?: string;
	objectives: string[];
	sides: Labelled[];
	tracks: Labelled[];
	/** The kinds an event may be, in legend order: the module's own, or the default set. */
	relationKinds: RelationKindDefinition[];
	mainSources: string[];
	lessons: Lesson[];
	actors: Actor[];
	events: CourseEvent[];
	sources: Source[];
	/** Quotes of actors in the lesson bodies, in lesson order, for the actor cards. */
	quotes: ActorQuote[];
	/** Figure layouts, computed once by the loader so no layout runs in the browser. */
	network: NetworkLayout;
	timeline: TimelineLayout;
}

/** A quote of a named actor in a lesson: a block quote whose attribution line links the actor. */
export interface ActorQuote {
	actor: string;
	lesson: string;
	section: string;
	/** The quoted words (with their statement label, if any), rendered; citations link to the sources page. */
	html: string;
	/** The attribution line as written ("— Name, as reported by … [source]"), rendered. */
	attributionHtml: string;
}

/** Where a node's name sits around it on the map (chosen at build time so names do not overlap). */
export type LabelSide = 'below' | 'above' | 'left' | 'right';

/** The actor network's layout, computed once at build time (d3-force): the map only draws it. */
export interface NetworkLayout {
	width: number;
	height: number;
	nodes: { id: string; x: number; y: number; label?: LabelSide }[];
}

/** One event on the timeline, placed at build time. */
export interface TimelineMark {
	event: string;
	/** Where the marker sits; for an event known only to the month, the start of that month. */
	x: number;
	/** For an event known only to the month: the end of the month (the bracket's right end). */
	x2?: number;
	/** Centre of the marker's lane. */
	y: number;
	/** The title drawn beside the mark, shortened to fit (the full title shows on focus). */
	title: string;
	/** A bar for several events of one track known only to the same month: all of them, `event` first. */
	events?: string[];
	/** The title sits left of the marker (near the drawing's right end), not right of it. */
	titleLeft?: boolean;
}

/** A span of time with its own linear scale: a long gap between events starts a new segment. */
export interface TimelineSegment {
	/** e.g. "December 2016 – December 2017". */
	label: string;
	/** e.g. "7 years and 10 months later", when a gap separates it from the previous segment. */
	gapBefore?: string;
	height: number;
	ticks: { x: number; label: string; date: string }[];
	rows: { track: string; label: string; y: number; height: number }[];
	marks: TimelineMark[];
}

export interface TimelineLayout {
	width: number;
	segments: TimelineSegment[];
	/** Events without a date: listed beside the timeline, not placed on it. */
	undated: string[];
}

/** Site-wide copy from `lessons/site.yaml`, or topic-neutral defaults without one. */
export interface SiteCopy {
	tagline: string;
	description: string;
}

export interface Course {
	site: SiteCopy;
	modules: Module[];
}

export interface LessonSummary {
	slug: string;
	title: string;
	summary: string;
	minutes: number;
	objectives: string[];
	questionCount: number;
	passMark: PassMark;
}

/** A module without its lessons' bodies: what every page of the module needs to know. */
export interface ModuleContext extends Omit<Module, 'lessons'> {
	lessons: LessonSummary[];
}
