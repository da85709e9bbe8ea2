/**
 * The typed model (model/course.ts, model/assessment.ts) held to the lesson files' zod schemas
 * (schema.ts) by the type checker: `npm run check` fails when a field is added to, renamed in or
 * retyped in one and not the other. Nothing here runs.
 *
 * Zod's own advice is to derive types with `z.output`, which the loader's file types do (schema.ts).
 * The model is kept written out because it is not the files' shape: the loader renders Markdown
 * (`bio` becomes `bioHtml`), resolves references (`lessons` are slugs in module.yaml, lessons in
 * the model), resolves answer keys and adds what it computes (layouts, quotes); and the browser
 * code that reads the model should not import the server's schema. So each pair is stated here
 * with the fields the loader replaces, and every other field must pass through with the same name,
 * type and optionality. An exact equality, not `satisfies z.ZodType<T>`, which lets an optional
 * field present on one side only slip through.
 */
import type { AssessmentSlot } from '../../model/assessment.ts';
import type {
	Actor,
	CourseEvent,
	Labelled,
	Lesson,
	Module,
	Question,
	QuestionType,
	Quiz,
	RelationKindDefinition,
	SiteCopy,
	Source
} from '../../model/course.ts';
import type {
	ActorEntry,
	AssessmentFile,
	EventEntry,
	LessonFrontmatter,
	ModuleFile,
	QUESTION_TYPES,
	QuestionEntry,
	RelationKindEntry,
	SiteFile,
	SourceEntry
} from './schema.ts';

/** The same type, not merely assignable both ways (which would let optional fields differ). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** One object type at every depth, so an intersection and the object it amounts to compare equal. */
type Flat<T> = T extends (infer Item)[] ? Flat<Item>[] : T extends object ? { [K in keyof T]: Flat<T[K]> } : T;
/** Fails the check (a type error at the pair) unless the condition holds. */
type Holds<Condition extends true> = Condition;

/**
 * The model type is the file's entry type with the entry's `Replaced` fields traded for the
 * model's `Added` ones: every other field passes through unchanged.
 */
type PassesThrough<Model, Added extends keyof Model, Entry, Replaced extends keyof Entry> = Equal<
	Flat<Omit<Model, Added>>,
	Flat<Omit<Entry, Replaced>>
>;

/** Every key of any member of a union (keyof a union gives only the keys all members share). */
type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** One question type of the model and of the files. */
type ModelQuestion<T extends QuestionType> = Extract<Question, { type: T }>;
type EntryQuestion<T extends QuestionType> = Extract<QuestionEntry, { type: T }>;
/** What the loader renders on every question; `checks` only silences the loader's item checks. */
type RenderedQuestionFields = 'promptHtml' | 'explanationHtml' | 'hintHtml';
type WrittenQuestionFields = 'prompt' | 'explanation' | 'hint' | 'checks';
/** A question type whose model is its entry with the common fields rendered, plus `extra` traded. */
type QuestionPassesThrough<
	T extends QuestionType,
	Added extends keyof ModelQuestion<T> = never,
	Replaced extends keyof EntryQuestion<T> = never
> = PassesThrough<ModelQuestion<T>, RenderedQuestionFields | Added, EntryQuestion<T>, WrittenQuestionFields | Replaced>;

export type ModelMatchesSchema = [
	Holds<Equal<Flat<SiteCopy>, Flat<SiteFile>>>,
	Holds<Equal<Flat<Labelled>, Flat<ModuleFile['sides'][number]>>>,
	Holds<Equal<Flat<Source>, Flat<SourceEntry>>>,
	Holds<PassesThrough<Actor, 'bioHtml', ActorEntry, 'bio'>>,
	// `lesson` ("lesson#section") becomes the link `href`.
	Holds<PassesThrough<CourseEvent, 'summaryHtml' | 'href', EventEntry, 'summary' | 'lesson'>>,
	// A declared kind may leave `reverse` out; the resolved one always has it (relation-kinds.ts).
	Holds<Equal<keyof RelationKindDefinition, KeysOfUnion<RelationKindEntry>>>,
	Holds<
		PassesThrough<
			Module,
			// From other files, resolved, or computed by the loader.
			| 'slug'
			| 'lessons'
			| 'actors'
			| 'events'
			| 'sources'
			| 'mainSources'
			| 'quotes'
			| 'network'
			| 'timeline'
			| 'relationKinds',
			ModuleFile,
			'lessons' | 'sources' | 'relationKinds'
		>
	>,
	// module.yaml's `sources` are the module's main sources (the model's `sources` are all of them).
	Holds<Equal<Module['mainSources'], ModuleFile['sources']>>,
	Holds<PassesThrough<Lesson, 'slug' | 'sections' | 'cited' | 'mapLayout' | 'quiz', LessonFrontmatter, 'quiz'>>,
	Holds<PassesThrough<Quiz, 'questions', LessonFrontmatter['quiz'], 'questions'>>,
	Holds<Equal<QuestionType, QuestionEntry['type']>>,
	Holds<Equal<QuestionType, (typeof QUESTION_TYPES)[number]>>,
	Holds<QuestionPassesThrough<'single'>>,
	Holds<QuestionPassesThrough<'multiple'>>,
	Holds<QuestionPassesThrough<'truefalse'>>,
	Holds<QuestionPassesThrough<'map'>>,
	// The answer keys are resolved: an order from the event dates, pairs and statements numbered.
	Holds<QuestionPassesThrough<'ordering', 'items' | 'answer', 'events'>>,
	Holds<QuestionPassesThrough<'matching', 'quotes' | 'speakers' | 'answer', 'pairs' | 'distractors'>>,
	Holds<QuestionPassesThrough<'classification', 'statements' | 'answer', 'statements'>>,
	Holds<PassesThrough<AssessmentSlot, 'variants', AssessmentFile['slots'][number], 'variants'>>
];
