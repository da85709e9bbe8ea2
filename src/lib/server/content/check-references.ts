/**
 * Checks everything the schema cannot see alone: duplicate ids, references between files (actor,
 * event, source, side, track, relation kind, lesson, section), too many relation kinds, answer keys that point at no option, ordering
 * questions whose events cannot be put in time order, trace documents that do not exist, and
 * source URLs that differ from the ones their trace document gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_RELATION_KINDS } from '../../model/relation-kinds.ts';
import { RELATION_STYLE_COUNT } from '../../network/symbols.ts';
import type { ContentError, FieldPath } from './content-error.ts';
import type { ModuleFiles } from './read-module-files.ts';
import { RESERVED_LESSON_SLUGS, type QuestionEntry } from './schema.ts';
import type { DocumentsFolder } from './documents-folder.ts';
import type { YamlSource } from './yaml-source.ts';

const list = (ids: Iterable<string>) => [...ids].map((id) => `"${id}"`).join(', ') || 'none';

/**
 * The URLs a document gives, each whole. Comparing whole URLs rather than searching the text
 * catches a truncated URL, which a substring search would accept. Sentence punctuation after a
 * URL is not part of it.
 */
export function urlsIn(text: string): Set<string> {
	const urls = new Set<string>();
	for (const [url] of text.matchAll(/https?:\/\/[^\s()<>"'[\]]+/g)) urls.add(url.replace(/[.,;:!?]+$/, ''));
	return urls;
}

/** The document's URL sharing the longest start with `url`, if one shares at least its host. */
export function closestUrl(url: string, candidates: Iterable<string>): string | undefined {
	const hostEnd = url.indexOf('/', url.indexOf('//') + 2);
	let best: string | undefined;
	let bestShared = (hostEnd < 0 ? url.length : hostEnd) - 1;
	for (const candidate of candidates) {
		let shared = 0;
		while (shared < url.length && url[shared] === candidate[shared]) shared++;
		if (shared > bestShared) {
			best = candidate;
			bestShared = shared;
		}
	}
	return best;
}

/** Two dates tie when neither can be said to come first ("2025-10" and "2025-10-14" tie). */
export function datesTie(a: string, b: string): boolean {
	return a.startsWith(b) || b.startsWith(a);
}

export interface ReferenceContext {
	/** Section ids of each lesson, once the bodies are parsed. */
	sectionsByLesson: Map<string, Set<string>>;
	/** The documents sources are traced to, when there are any; trace files are checked against them. */
	documents?: DocumentsFolder;
}

export function checkReferences(files: ModuleFiles, context: ReferenceContext): ContentError[] {
	const errors: ContentError[] = [];
	const { module, actors, events, sources, lessons } = files;

	/** Checks ids as written in the file (valid entries or not), so indexes match the file. */
	function uniqueIds(source: YamlSource, items: unknown, path: FieldPath, what: string) {
		const seen = new Set<string>();
		(Array.isArray(items) ? items : []).forEach((item: unknown, index) => {
			const id: unknown = typeof item === 'object' && item ? (item as { id?: unknown }).id : undefined;
			if (typeof id !== 'string') return;
			if (seen.has(id)) {
				errors.push(source.errorAt([...path, index, 'id'], `expected a unique ${what} id, found "${id}" again`));
			}
			seen.add(id);
		});
		return seen;
	}

	const sides = uniqueIds(module.source, module.value.sides, ['sides'], 'side');
	const kinds = relationKindIds();
	const tracks = uniqueIds(module.source, module.value.tracks, ['tracks'], 'track');
	uniqueIds(actors.source, actors.source.data, [], 'actor');
	uniqueIds(events.source, events.source.data, [], 'event');
	uniqueIds(sources.source, sources.source.data, [], 'source');
	const { ids: actorIds } = actors;
	const { ids: eventIds } = events;
	const { ids: sourceIds } = sources;
	const eventDates = new Map(events.value.map((event) => [event.id, event.date]));

	function refs(source: YamlSource, path: FieldPath, ids: string | string[], known: Set<string>, what: string) {
		const values = Array.isArray(ids) ? ids : [ids];
		values.forEach((id, index) => {
			if (!known.has(id)) {
				const at = Array.isArray(ids) ? [...path, index] : path;
				errors.push(source.errorAt(at, `expected ${what}, found "${id}", which is not defined`));
			}
		});
	}

	/**
	 * The kinds events may be: as module.yaml declares them (read as written, so an entry with a
	 * fault elsewhere is still known and not reported again at every event of its kind), or the
	 * default set. Each declared kind takes a line style by position, so there can be no more
	 * kinds than styles.
	 */
	function relationKindIds(): { ids: Set<string>; what: string } {
		const declared: unknown = (module.source.data as { relationKinds?: unknown } | null)?.relationKinds;
		if (declared === undefined) {
			const ids = new Set(DEFAULT_RELATION_KINDS.map((kind) => kind.id));
			return {
				ids,
				what: `one of the default relation kinds (${list(ids)}), as module.yaml declares no relationKinds`
			};
		}
		const ids = uniqueIds(module.source, declared, ['relationKinds'], 'relation kind');
		if (Array.isArray(declared) && declared.length > RELATION_STYLE_COUNT) {
			errors.push(
				module.source.errorAt(
					['relationKinds', RELATION_STYLE_COUNT],
					`expected at most ${RELATION_STYLE_COUNT} relation kinds (the map has ${RELATION_STYLE_COUNT} distinct line styles), found ${declared.length}`
				)
			);
		}
		return { ids, what: `one of module.yaml's relationKinds (${list(ids)})` };
	}

	const slugs = new Set<string>();
	module.value.lessons.forEach((slug, index) => {
		if ((RESERVED_LESSON_SLUGS as readonly string[]).includes(slug)) {
			errors.push(
				module.source.errorAt(
					['lessons', index],
					`expected a lesson slug other than the module pages (${list(RESERVED_LESSON_SLUGS)}), found "${slug}"`
				)
			);
		}
		if (slugs.has(slug))
			errors.push(module.source.errorAt(['lessons', index], `expected each lesson once, found "${slug}" again`));
		slugs.add(slug);
	});
	refs(module.source, ['sources'], module.value.sources, sourceIds, 'a source id');

	actors.value.forEach((actor, valid) => {
		const index = actors.positions[valid] ?? valid;
		refs(actors.source, [index, 'side'], actor.side, sides, `one of the sides (${list(sides)})`);
		refs(actors.source, [index, 'sources'], actor.sources, sourceIds, 'a source id');
	});

	events.value.forEach((event, valid) => {
		const index = events.positions[valid] ?? valid;
		refs(events.source, [index, 'track'], event.track, tracks, `one of the tracks (${list(tracks)})`);
		refs(events.source, [index, 'kind'], event.kind, kinds.ids, kinds.what);
		refs(events.source, [index, 'from'], event.from, actorIds, 'an actor id');
		refs(events.source, [index, 'to'], event.to, actorIds, 'an actor id');
		refs(events.source, [index, 'participants'], event.participants, actorIds, 'an actor id');
		refs(events.source, [index, 'sources'], event.sources, sourceIds, 'a source id');
		if (event.lesson) {
			const [lessonSlug = '', sectionId = ''] = event.lesson.split('#');
			const sections = context.sectionsByLesson.get(lessonSlug);
			if (!slugs.has(lessonSlug)) {
				errors.push(
					events.source.errorAt([index, 'lesson'], `expected a lesson slug from module.yaml, found "${lessonSlug}"`)
				);
			} else if (sections && !sections.has(sectionId)) {
				errors.push(
					events.source.errorAt(
						[index, 'lesson'],
						`expected a section of lesson "${lessonSlug}" (${list(sections)}), found "${sectionId}"`
					)
				);
			}
		}
	});

	if (context.documents) {
		const { dir, shownAs } = context.documents;
		const documentUrls = new Map<string, Set<string>>();
		sources.value.forEach((source, valid) => {
			const index = sources.positions[valid] ?? valid;
			const path = join(dir, source.trace);
			if (!existsSync(path)) {
				errors.push(
					sources.source.errorAt(
						[index, 'trace'],
						`expected a document in ${shownAs}, found "${source.trace}", which does not exist`
					)
				);
				return;
			}
			// A primary record (a court filing, an official report) is cited directly, not through a
			// document, so its trace holds no URL to compare with.
			if (!source.url || source.kind === 'primary') return;
			let urls = documentUrls.get(source.trace);
			if (!urls) {
				urls = urlsIn(readFileSync(path, 'utf8'));
				documentUrls.set(source.trace, urls);
			}
			if (!urls.has(source.url)) {
				const closest = closestUrl(source.url, urls);
				const hint = closest ? ` (the closest there is "${closest}")` : '';
				errors.push(
					sources.source.errorAt(
						[index, 'url'],
						`expected a URL exactly as ${source.trace} gives it${hint}, found "${source.url}"`
					)
				);
			}
		});
	}

	const questionIds = new Map<string, string>();
	for (const lesson of lessons) {
		const at = (path: FieldPath, message: string) => errors.push(lesson.source.errorAt(path, message));
		const { focus, quiz } = lesson.frontmatter;
		refs(lesson.source, ['focus', 'actors'], focus.actors, actorIds, 'an actor id');
		refs(lesson.source, ['focus', 'events'], focus.events, eventIds, 'an event id');
		const sections = context.sectionsByLesson.get(lesson.slug) ?? new Set<string>();

		quiz.questions.forEach((question, index) => {
			const path = ['quiz', 'questions', index] as const;
			const seenIn = questionIds.get(question.id);
			if (seenIn)
				at(
					[...path, 'id'],
					`expected a question id unique in the module, found "${question.id}" again (first in ${seenIn})`
				);
			questionIds.set(question.id, lesson.file);
			if (!sections.has(question.section)) {
				at(
					[...path, 'section'],
					`expected a section id of this lesson (${list(sections)}), found "${question.section}"`
				);
			}
			refs(lesson.source, [...path, 'sources'], question.sources, sourceIds, 'a source id');
			checkAnswerKey(question, (field, message) => at([...path, ...field], message));
		});
	}

	// Held-back items after every public question, so a clash is reported at the held-back copy.
	for (const lesson of lessons) {
		if (!lesson.assessment) continue;
		const { source, file, value } = lesson.assessment;
		const at = (path: FieldPath, message: string) => errors.push(source.errorAt(path, message));
		const sections = context.sectionsByLesson.get(lesson.slug) ?? new Set<string>();
		const unique = (path: FieldPath, id: string, what: string) => {
			const seenIn = questionIds.get(id);
			if (seenIn)
				at(
					path,
					`expected ${what} unique in the module (public and held-back), found "${id}" again (first in ${seenIn})`
				);
			questionIds.set(id, file);
		};
		value.slots.forEach((slot, slotIndex) => {
			unique(['slots', slotIndex, 'id'], slot.id, 'a slot id');
			slot.variants.forEach((variant, index) => {
				const path = ['slots', slotIndex, 'variants', index] as const;
				unique([...path, 'id'], variant.id, 'a variant id');
				if (variant.type !== slot.type)
					at([...path, 'type'], `expected the slot's type "${slot.type}" for every variant, found "${variant.type}"`);
				if (!sections.has(variant.section))
					at(
						[...path, 'section'],
						`expected a section id of lesson "${lesson.slug}" (${list(sections)}), found "${variant.section}"`
					);
				refs(source, [...path, 'sources'], variant.sources, sourceIds, 'a source id');
				checkAnswerKey(variant, (field, message) => at([...path, ...field], message));
			});
		});
	}

	function checkAnswerKey(question: QuestionEntry, fail: (field: FieldPath, message: string) => void) {
		switch (question.type) {
			case 'single':
			case 'multiple': {
				const optionIds = new Set<string>();
				question.options.forEach((option, index) => {
					if (optionIds.has(option.id))
						fail(['options', index, 'id'], `expected unique option ids, found "${option.id}" again`);
					optionIds.add(option.id);
				});
				const answers = Array.isArray(question.answer) ? question.answer : [question.answer];
				answers.forEach((answer, index) => {
					if (!optionIds.has(answer)) {
						fail(
							Array.isArray(question.answer) ? ['answer', index] : ['answer'],
							`expected one of the option ids (${list(optionIds)}), found "${answer}"`
						);
					}
				});
				if (Array.isArray(question.answer) && new Set(question.answer).size !== question.answer.length) {
					fail(['answer'], 'expected each correct option once, found one listed twice');
				}
				break;
			}
			case 'ordering': {
				const dated: { id: string; date: string; index: number }[] = [];
				question.events.forEach((id, index) => {
					if (!eventIds.has(id))
						return fail(['events', index], `expected an event id, found "${id}", which is not defined`);
					// An event that failed its own checks has no date to compare: it is reported there.
					if (!eventDates.has(id)) return;
					const date = eventDates.get(id);
					if (!date)
						return fail(
							['events', index],
							`expected events with dates (an ordering question needs them), found "${id}" without a date`
						);
					const tie = dated.find((other) => datesTie(other.date, date));
					if (tie)
						fail(
							['events', index],
							`expected events that can be put in time order, found "${id}" (${date}) and "${tie.id}" (${tie.date}) on the same date`
						);
					dated.push({ id, date, index });
				});
				break;
			}
			case 'matching':
				question.pairs.forEach((pair, index) => {
					if (!actorIds.has(pair.speaker))
						fail(['pairs', index, 'speaker'], `expected an actor id, found "${pair.speaker}", which is not defined`);
				});
				question.distractors.forEach((id, index) => {
					if (!actorIds.has(id))
						fail(['distractors', index], `expected an actor id, found "${id}", which is not defined`);
				});
				break;
			case 'map':
				if (!actorIds.has(question.answer))
					fail(['answer'], `expected an actor id on the map, found "${question.answer}", which is not defined`);
				break;
			case 'truefalse':
			case 'classification':
				break;
		}
	}

	return errors;
}
