/**
 * The shape of every lesson definition file, as zod schemas. This file is the single source of
 * truth for the format: the loader validates against it, and `npm run lessons:schema` writes the
 * JSON Schemas under `lessons/schema/` from it so editors can complete and check lesson files.
 * Cross-references (an actor id that must exist, a section a question tests) are checked
 * afterwards by `check-references.ts`, because they need the whole module. The typed model the loader
 * builds from these files is held to them by `model-matches-schema.ts`.
 */
import { z } from 'zod';
import { STATEMENT_KINDS } from '../../model/course.ts';
import { DEFAULT_RELATION_KINDS } from '../../model/relation-kinds.ts';
import { RELATION_STYLE_COUNT } from '../../network/symbols.ts';
export const QUESTION_TYPES = [
	'single',
	'multiple',
	'truefalse',
	'ordering',
	'matching',
	'classification',
	'map'
] as const;

/** The item-writing checks the loader runs on every question (see `item-checks.ts`). */
export const ITEM_CHECKS = ['longest-option', 'truefalse-balance', 'hint', 'repeated-option'] as const;

/** Slugs that name module pages, so a lesson may not take them. */
export const RESERVED_LESSON_SLUGS = ['people', 'sources', 'map', 'timeline', 'review'] as const;

export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a kebab-case id such as "steve-witkoff"');
const text = z.string().trim().min(1, 'a non-empty text');
const isoDate = z.iso.date('a date as YYYY-MM-DD');
/** Events may be known to the day or only to the month ("late October 2025"). */
const eventDate = z.union([isoDate, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)], {
	error: 'a date as YYYY-MM-DD, or YYYY-MM when only the month is known'
});
const ids = z.array(idSchema);
const sourceIds = z.array(idSchema).min(1, 'at least one source id');

const labelled = z.strictObject({ id: idSchema, label: text });

/**
 * A kind of relation events may be (see RelationKindDefinition). A directed kind is worded from
 * each end ("Criticism of", "Criticism by"); an undirected one reads the same from both, so its
 * `reverse` may be left out.
 */
const relationKindFields = {
	id: idSchema,
	label: text.describe('the legend’s name for the kind, such as "Radio call"'),
	phrase: text.describe('the relation before the other actor, seen from `from`: "Radio call with", "Decision about"')
};
export const relationKindSchema = z.discriminatedUnion('directed', [
	z.strictObject({
		...relationKindFields,
		directed: z.literal(false).describe('false: no direction (drawn alike at both ends, "with" from either end)'),
		reverse: text.optional().describe('the relation seen from an actor in `to`; the phrase if left out')
	}),
	z.strictObject({
		...relationKindFields,
		directed: z.literal(true).describe('true: from `from` to each of `to` (an end mark at the target)'),
		reverse: text.describe('the relation seen from an actor in `to`: "Decision by"')
	})
]);
export type RelationKindEntry = z.output<typeof relationKindSchema>;

/** Copy for the whole site, which belongs to the course rather than to the code. */
export const siteFileSchema = z.strictObject({
	/** The line beside the brand in every page's header. */
	tagline: text,
	/** The catalogue page's meta description, as search engines show it. */
	description: text
});
export type SiteFile = z.infer<typeof siteFileSchema>;

export const moduleFileSchema = z.strictObject({
	title: text,
	summary: text,
	audience: text,
	minutes: z.number().int().positive(),
	/** The last day of the reporting the module draws on, shown on its overview. */
	asOf: isoDate.optional().describe('the date the reporting the module draws on ends, as YYYY-MM-DD'),
	objectives: z.array(text).min(1),
	lessons: ids.min(1, 'at least one lesson slug'),
	sources: sourceIds.describe('the main sources of the module, shown on its overview'),
	sides: z.array(labelled).min(1).describe('the sides an actor can be on, in legend order'),
	tracks: z.array(labelled).min(1).describe('the timeline tracks an event can sit on, top to bottom'),
	relationKinds: z
		.array(relationKindSchema)
		.min(1)
		.optional()
		.describe(
			`the kinds an event can be, in legend order, at most ${RELATION_STYLE_COUNT} (one line style each); ` +
				`without it: ${DEFAULT_RELATION_KINDS.map((kind) => kind.id).join(', ')}`
		)
});

export const actorSchema = z.strictObject({
	id: idSchema,
	name: text,
	kind: z.enum(['person', 'organisation']).default('person'),
	role: text,
	affiliation: text,
	side: idSchema.describe('one of the module file’s sides'),
	bio: text.describe('a short, neutral bio; Markdown with citations'),
	sources: sourceIds
});
export const actorsFileSchema = z.array(actorSchema).min(1);

export const eventSchema = z.strictObject({
	id: idSchema,
	title: text,
	date: eventDate.optional(),
	/** Why the date is approximate or missing, shown beside it. */
	dateNote: text.optional(),
	kind: idSchema.describe('one of the module file’s relationKinds (or of the default kinds without them)'),
	track: idSchema.describe('one of the module file’s tracks'),
	summary: text.describe('what happened; Markdown with citations'),
	/** The relation the network map draws: `from` → each of `to`. */
	from: idSchema,
	to: ids.default([]),
	/** Others who took part without being an end of the relation. */
	participants: ids.default([]),
	/** The lesson section that tells this event, as `lesson-slug#section-id`. */
	lesson: z
		.string()
		.regex(/^[a-z0-9-]+#[a-z0-9-]+$/, 'a lesson section as "lesson-slug#section-id"')
		.optional(),
	sources: sourceIds
});
export const eventsFileSchema = z.array(eventSchema).min(1);

export const sourceSchema = z.strictObject({
	id: idSchema,
	outlet: text,
	title: text,
	date: isoDate.optional(),
	url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
	kind: z.enum(['news', 'analysis', 'opinion', 'compiled', 'commentary', 'primary']),
	/**
	 * The document that traces this source (itself, or a report citing it): a file in the module's
	 * own `documents/` folder, or in shared/sources for a module without one.
	 */
	trace: z
		.string()
		.regex(
			/^[\w.-]+\.(txt|md)$/,
			'a .txt or .md file name in the module\'s documents/ folder, such as "wire-report.txt"'
		),
	note: text.optional()
});
export const sourcesFileSchema = z.array(sourceSchema).min(1);

const option = z.strictObject({ id: idSchema, text });
/** Silences item-writing checks for one question; the reason is written for reviewers. */
const itemChecks = z
	.strictObject({
		allow: z.array(z.enum(ITEM_CHECKS)).min(1, 'at least one check name'),
		reason: z.string().trim().min(20, 'a written reason of at least 20 characters')
	})
	.optional()
	.describe('silences the named item-writing checks for this question, with the reason why');

/** The question types, over the fields every question has: public self-check questions take an
 * optional hint; held-back assessment items must give one. */
function questionUnion<H extends z.ZodType>(hint: H) {
	const questionBase = {
		id: idSchema,
		prompt: text,
		/** The section of this lesson the question tests. */
		section: idSchema,
		explanation: text,
		hint,
		sources: sourceIds,
		checks: itemChecks
	};
	return z.discriminatedUnion('type', [
		z.strictObject({
			...questionBase,
			type: z.literal('single'),
			options: z.array(option).min(2),
			answer: idSchema
		}),
		z.strictObject({
			...questionBase,
			type: z.literal('multiple'),
			options: z.array(option).min(3),
			answer: ids.min(1)
		}),
		z.strictObject({ ...questionBase, type: z.literal('truefalse'), answer: z.boolean() }),
		z.strictObject({
			...questionBase,
			type: z.literal('ordering'),
			/** Event ids; the answer is their order in time, taken from the events file. */
			events: ids.min(3)
		}),
		z.strictObject({
			...questionBase,
			type: z.literal('matching'),
			pairs: z.array(z.strictObject({ quote: text, speaker: idSchema })).min(2),
			/** Actors offered as speakers who said none of the quotes. */
			distractors: ids.default([])
		}),
		z.strictObject({
			...questionBase,
			type: z.literal('classification'),
			statements: z.array(z.strictObject({ text, kind: z.enum(STATEMENT_KINDS) })).min(2)
		}),
		z.strictObject({
			...questionBase,
			type: z.literal('map'),
			/** The actor to pick on the network map. */
			answer: idSchema
		})
	]);
}

export const questionSchema = questionUnion(text.optional());

export const lessonFrontmatterSchema = z.strictObject({
	title: text,
	summary: text,
	minutes: z.number().int().positive(),
	objectives: z.array(text).min(1),
	focus: z.strictObject({ actors: ids.min(1), events: ids.default([]) }),
	quiz: z.strictObject({
		passMark: z.number().gt(0).lte(1).default(0.8),
		tries: z.number().int().min(1).max(5).default(2),
		questions: z.array(questionSchema).min(1)
	})
});

/**
 * A lesson's held-back assessment items (`assessment/<lesson>.yaml`), read only by the classroom
 * server. A slot tests one objective with 2 to 4 parallel variants; each student gets one.
 */
export const assessmentSlotSchema = z.strictObject({
	id: idSchema,
	objective: text.describe('the one thing every variant of the slot tests'),
	type: z.enum(QUESTION_TYPES).describe('the question type of every variant'),
	variants: z
		.array(questionUnion(text))
		.min(2)
		.max(4)
		.describe('2 to 4 parallel variants of comparable difficulty, each a quiz question with a hint')
});
export const assessmentFileSchema = z.strictObject({ slots: z.array(assessmentSlotSchema).min(1) });

export type ModuleFile = z.output<typeof moduleFileSchema>;
export type ActorEntry = z.output<typeof actorSchema>;
export type EventEntry = z.output<typeof eventSchema>;
export type SourceEntry = z.output<typeof sourceSchema>;
export type QuestionEntry = z.output<typeof questionSchema>;
export type LessonFrontmatter = z.output<typeof lessonFrontmatterSchema>;
export type AssessmentFile = z.output<typeof assessmentFileSchema>;

/** The files of a module folder, each with the schema it must satisfy. */
export const MODULE_FILES = {
	'module.yaml': moduleFileSchema,
	'actors.yaml': actorsFileSchema,
	'events.yaml': eventsFileSchema,
	'sources.yaml': sourcesFileSchema
} as const;
