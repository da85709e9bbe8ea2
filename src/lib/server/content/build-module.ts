/**
 * Turns a module's validated files into the typed model: renders every Markdown field, checks
 * references, and resolves answer keys (an ordering question's order comes from the event dates).
 * Returns either a complete module or every error found; never a half-built module.
 */
import type { LessonAssessment, ModuleAssessment } from '../../model/assessment.ts';
import type { Actor, CourseEvent, Lesson, Module, Question } from '../../model/course.ts';
import { resolveRelationKinds } from '../../model/relation-kinds.ts';
import { focusLayout } from '../layout/focus-layout.ts';
import { layoutNetwork } from '../layout/network.ts';
import { layoutTimeline } from '../layout/timeline.ts';
import { extractActorQuotes } from './actor-quotes.ts';
import type { ContentError, FieldPath } from './content-error.ts';
import { checkReferences } from './check-references.ts';
import { checkItems, heldBackQuestions, lessonQuestions } from './item-checks.ts';
import { splitSections } from './lesson-sections.ts';
import type { DocumentsFolder } from './documents-folder.ts';
import type { SitePages } from './link-policy.ts';
import { parseMarkdown, renderInlineMarkdown, type MarkdownContext } from './markdown.ts';
import type { ModuleFiles } from './read-module-files.ts';
import { RESERVED_LESSON_SLUGS, type QuestionEntry } from './schema.ts';
import type { YamlSource } from './yaml-source.ts';

export interface BuildOptions {
	/** The documents the module's sources are traced to, if any (see documents-folder.ts). */
	documents?: DocumentsFolder;
	/** Every module folder of the course, so a link into another module is not taken for a broken one. */
	moduleSlugs?: readonly string[];
}

export function buildModule(
	files: ModuleFiles,
	options: BuildOptions = {}
): { module?: Module; assessment?: ModuleAssessment; errors: ContentError[] } {
	const errors: ContentError[] = [];
	const { slug } = files;
	const outlets = new Map(files.sources.value.map((source) => [source.id, source.outlet]));
	const actorIds = files.actors.ids;
	const site: SitePages = {
		slug,
		pages: new Set([
			`/${slug}`,
			...[...files.module.value.lessons, ...RESERVED_LESSON_SLUGS].map((page) => `/${slug}/${page}`)
		]),
		modules: new Set(options.moduleSlugs ?? [slug])
	};
	const markdownContext = (citationHref: (id: string) => string): MarkdownContext => ({
		moduleSlug: slug,
		sourceLabel: (id) => outlets.get(id) ?? (files.sources.ids.has(id) ? id : undefined),
		hasActor: (id) => actorIds.has(id),
		citationHref,
		site
	});
	const onSourcesPage = markdownContext((id) => `/${slug}/sources#${id}`);
	const onLessonPage = markdownContext((id) => `#source-${id}`);

	function inline(
		text: string,
		source: YamlSource,
		path: FieldPath,
		context: MarkdownContext,
		cited?: string[]
	): string {
		const rendered = renderInlineMarkdown(text, context);
		for (const problem of rendered.problems) errors.push(source.errorAt(path, problem.message, { text: problem.text }));
		for (const id of rendered.cited) if (cited && !cited.includes(id)) cited.push(id);
		return rendered.html;
	}

	const sectionsByLesson = new Map<string, Set<string>>();
	const bodies = files.lessons.map((lesson) => {
		const parsed = parseMarkdown(lesson.body, onLessonPage);
		const split = splitSections(parsed);
		for (const problem of [...parsed.problems, ...split.problems]) {
			errors.push({
				file: lesson.file,
				line: lesson.bodyLine + problem.line,
				column: problem.column + 1,
				field: '',
				message: problem.message
			});
		}
		sectionsByLesson.set(lesson.slug, new Set(split.sections.map((section) => section.id)));
		return { sections: split.sections.map(({ id, title, html }) => ({ id, title, html })), cited: parsed.cited };
	});

	errors.push(...checkReferences(files, { sectionsByLesson, documents: options.documents }));
	errors.push(...checkItems(lessonQuestions(files.lessons)));
	errors.push(...checkItems(heldBackQuestions(files.lessons)));

	const actorNames = new Map(files.actors.value.map((actor) => [actor.id, actor.name]));
	const eventsById = new Map(files.events.value.map((event) => [event.id, event]));

	const actors: Actor[] = files.actors.value.map(({ bio, ...actor }, valid) => ({
		...actor,
		bioHtml: inline(bio, files.actors.source, [files.actors.positions[valid] ?? valid, 'bio'], onSourcesPage)
	}));

	const events: CourseEvent[] = files.events.value.map((event, valid) => {
		const index = files.events.positions[valid] ?? valid;
		const { summary, lesson, ...rest } = event;
		const [lessonSlug, sectionId] = lesson?.split('#') ?? [];
		return {
			...rest,
			summaryHtml: inline(summary, files.events.source, [index, 'summary'], onSourcesPage),
			href: lesson ? `/${slug}/${lessonSlug}#${sectionId}` : undefined
		};
	});

	function toQuestion(entry: QuestionEntry, source: YamlSource, path: FieldPath, cited: string[]): Question {
		const base = {
			id: entry.id,
			section: entry.section,
			sources: entry.sources,
			promptHtml: inline(entry.prompt, source, [...path, 'prompt'], onLessonPage, cited),
			explanationHtml: inline(entry.explanation, source, [...path, 'explanation'], onLessonPage, cited),
			hintHtml:
				entry.hint === undefined ? undefined : inline(entry.hint, source, [...path, 'hint'], onLessonPage, cited)
		};
		for (const id of entry.sources) if (!cited.includes(id)) cited.push(id);
		switch (entry.type) {
			case 'single':
				return { ...base, type: 'single', options: entry.options, answer: entry.answer };
			case 'multiple':
				return { ...base, type: 'multiple', options: entry.options, answer: entry.answer };
			case 'truefalse':
				return { ...base, type: 'truefalse', answer: entry.answer };
			case 'map':
				return { ...base, type: 'map', answer: entry.answer };
			case 'ordering':
				return {
					...base,
					type: 'ordering',
					items: entry.events.map((id) => ({ id, text: eventsById.get(id)?.title ?? id })),
					answer: [...entry.events].sort((a, b) =>
						(eventsById.get(a)?.date ?? '').localeCompare(eventsById.get(b)?.date ?? '')
					)
				};
			case 'matching': {
				const speakers = [...new Set([...entry.pairs.map((pair) => pair.speaker), ...entry.distractors])].sort();
				return {
					...base,
					type: 'matching',
					quotes: entry.pairs.map((pair, index) => ({ id: `q${index + 1}`, text: pair.quote })),
					speakers: speakers.map((id) => ({ id, text: actorNames.get(id) ?? id })),
					answer: Object.fromEntries(entry.pairs.map((pair, index) => [`q${index + 1}`, pair.speaker]))
				};
			}
			case 'classification':
				return {
					...base,
					type: 'classification',
					statements: entry.statements.map((statement, index) => ({ id: `s${index + 1}`, text: statement.text })),
					answer: Object.fromEntries(entry.statements.map((statement, index) => [`s${index + 1}`, statement.kind]))
				};
		}
	}

	const lessons: Lesson[] = files.lessons.map((file, lessonIndex) => {
		const body = bodies[lessonIndex] ?? { sections: [], cited: [] };
		const cited = [...body.cited];
		const { frontmatter } = file;
		const questions = frontmatter.quiz.questions.map((entry, index) =>
			toQuestion(entry, file.source, ['quiz', 'questions', index], cited)
		);
		return {
			slug: file.slug,
			title: frontmatter.title,
			summary: frontmatter.summary,
			minutes: frontmatter.minutes,
			objectives: frontmatter.objectives,
			sections: body.sections,
			focus: frontmatter.focus,
			cited,
			quiz: { passMark: frontmatter.quiz.passMark, tries: frontmatter.quiz.tries, questions },
			// Laid out here, once per build, like the module's network below: the lesson page only selects it.
			mapLayout: focusLayout({ actors, events, sides: files.module.value.sides }, frontmatter.focus)
		};
	});

	// Held-back items are built like quiz questions but kept out of the module: the module is what
	// pages serialise, and these must never reach a browser before they are answered.
	const assessedLessons: LessonAssessment[] = files.lessons.flatMap(({ slug: lesson, assessment }) => {
		if (!assessment) return [];
		const slots = assessment.value.slots.map((slot, slotIndex) => ({
			id: slot.id,
			objective: slot.objective,
			type: slot.type,
			variants: slot.variants.map((variant, index) =>
				toQuestion(variant, assessment.source, ['slots', slotIndex, 'variants', index], [])
			)
		}));
		return [{ lesson, slots }];
	});

	if (errors.length > 0) return { errors };
	const moduleFile = files.module.value;
	return {
		errors,
		assessment: { module: slug, lessons: assessedLessons },
		module: {
			slug,
			title: moduleFile.title,
			summary: moduleFile.summary,
			audience: moduleFile.audience,
			minutes: moduleFile.minutes,
			asOf: moduleFile.asOf,
			objectives: moduleFile.objectives,
			sides: moduleFile.sides,
			tracks: moduleFile.tracks,
			relationKinds: resolveRelationKinds(moduleFile.relationKinds),
			mainSources: moduleFile.sources,
			lessons,
			actors,
			events,
			sources: files.sources.value,
			// The figures: quotes for the actor cards and the layouts, computed once here so the
			// browser only draws them.
			quotes: files.lessons.flatMap((lesson) => extractActorQuotes(lesson.body, lesson.slug, onSourcesPage)),
			network: layoutNetwork(actors, events, moduleFile.sides),
			timeline: layoutTimeline(events, moduleFile.tracks)
		}
	};
}
