/**
 * Reads one module folder: parses and schema-checks each YAML file and each lesson's frontmatter,
 * and keeps every file's locator so later checks can point at the exact field. Nothing here
 * checks references between files; `check-references.ts` does that with the whole module.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fieldName, type ContentError, type FieldPath } from './content-error.ts';
import type { ZodType } from 'zod';
import {
	actorSchema,
	assessmentFileSchema,
	eventSchema,
	sourceSchema,
	actorsFileSchema,
	eventsFileSchema,
	lessonFrontmatterSchema,
	moduleFileSchema,
	sourcesFileSchema,
	type ActorEntry,
	type AssessmentFile,
	type EventEntry,
	type LessonFrontmatter,
	type ModuleFile,
	type SourceEntry
} from './schema.ts';
import { readLessonText } from './read-text.ts';
import { validateFile } from './validate-file.ts';
import { parseYaml, type YamlSource } from './yaml-source.ts';

export interface Located<T> {
	value: T;
	source: YamlSource;
}

/** A list file whose valid entries are kept even when others fail, so one bad actor does not hide
 * every other problem in the module. `ids` holds every id written in the file, valid or not, so
 * references to a broken entry are not reported a second time as "not defined". */
export interface LocatedList<T> extends Located<T[]> {
	ids: Set<string>;
	/** The position in the file of each valid entry in `value`, for locating errors. */
	positions: number[];
}

/**
 * The ids of a list file that could not be read as a list at all (a YAML syntax error, an empty
 * file, a mapping): every reference to it counts as known, so the broken file is reported once
 * at its root cause instead of once more at every reference to it, and the module's other
 * checks still run.
 */
export class UnreadableListIds extends Set<string> {
	override has(): boolean {
		return true;
	}
}

export interface LessonFile {
	slug: string;
	file: string;
	frontmatter: LessonFrontmatter;
	source: YamlSource;
	body: string;
	/** 1-based line of the body's first line in the file. */
	bodyLine: number;
	/** The lesson's held-back items (`assessment/<slug>.yaml`), when it has any. */
	assessment?: AssessmentFileEntry;
}

export interface AssessmentFileEntry extends Located<AssessmentFile> {
	file: string;
}

/** Held-back assessment items live beside the lessons, one optional file per lesson. */
export const ASSESSMENT_FOLDER = 'assessment';

export interface ModuleFiles {
	slug: string;
	dir: string;
	module: Located<ModuleFile>;
	actors: LocatedList<ActorEntry>;
	events: LocatedList<EventEntry>;
	sources: LocatedList<SourceEntry>;
	lessons: LessonFile[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

function fileError(file: string, message: string, line = 1): ContentError {
	return { file, line, column: 1, field: '', message };
}

export function readModuleFiles(
	dir: string,
	slug: string,
	displayRoot: string
): { files?: ModuleFiles; errors: ContentError[] } {
	const errors: ContentError[] = [];
	const shown = (name: string) => relative(displayRoot, join(dir, name)) || name;

	function parseFile(name: string): YamlSource | undefined {
		const path = join(dir, name);
		if (!existsSync(path)) {
			errors.push(fileError(shown(name), `expected this file in every module folder, found none`));
			return undefined;
		}
		const read = readLessonText(path, shown(name));
		if (read.error) {
			errors.push(read.error);
			return undefined;
		}
		const parsed = parseYaml(shown(name), read.text);
		errors.push(...parsed.errors);
		return parsed.source;
	}

	/** A module file with a bad title or time still lets the rest of the module be checked: only
	 * the fields other files refer to (lessons, sources, sides, tracks) must be valid. */
	function readModuleFile(): Located<ModuleFile> | undefined {
		const source = parseFile('module.yaml');
		if (!source) return undefined;
		const result = validateFile(moduleFileSchema, source);
		errors.push(...result.errors);
		if (result.value) return { value: result.value, source };
		const raw = (typeof source.data === 'object' && source.data ? source.data : {}) as Record<string, unknown>;
		const field = <K extends keyof ModuleFile>(key: K) =>
			moduleFileSchema.shape[key].safeParse(raw[key]).data as ModuleFile[K] | undefined;
		const [lessons, sources, sides, tracks] = [field('lessons'), field('sources'), field('sides'), field('tracks')];
		if (!lessons || !sources || !sides || !tracks) return undefined;
		// Never built into a module (its errors are reported), only used to check the other files.
		const partial = { ...raw, lessons, sources, sides, tracks, relationKinds: field('relationKinds') } as ModuleFile;
		return { value: partial, source };
	}

	/** A list file that is missing or not a list: its error is already reported. */
	function unreadableList<T>(name: string, source?: YamlSource): LocatedList<T> {
		const stand = source ?? {
			data: undefined,
			errorAt: (path: FieldPath, message: string) => ({ ...fileError(shown(name), message), field: fieldName(path) })
		};
		return { value: [], positions: [], source: stand, ids: new UnreadableListIds() };
	}

	function readList<T>(name: string, schema: ZodType<T[]>, item: ZodType<T>): LocatedList<T> {
		const source = parseFile(name);
		if (!source) return unreadableList(name);
		errors.push(...validateFile(schema, source).errors);
		if (!Array.isArray(source.data)) return unreadableList(name, source);
		const entries: unknown[] = source.data;
		const valid = entries.flatMap((entry, position) => {
			const parsed = item.safeParse(entry);
			return parsed.success ? [{ value: parsed.data, position }] : [];
		});
		const ids = new Set(
			entries.flatMap((entry) => {
				const id: unknown = typeof entry === 'object' && entry ? (entry as { id?: unknown }).id : undefined;
				return typeof id === 'string' ? [id] : [];
			})
		);
		return { value: valid.map((entry) => entry.value), positions: valid.map((entry) => entry.position), source, ids };
	}

	const module = readModuleFile();
	const actors = readList('actors.yaml', actorsFileSchema, actorSchema);
	const events = readList('events.yaml', eventsFileSchema, eventSchema);
	const sources = readList('sources.yaml', sourcesFileSchema, sourceSchema);

	const lessons: LessonFile[] = [];
	const markdownFiles = readdirSync(dir).filter((name) => name.endsWith('.md') && name !== 'README.md');
	// Without a readable module.yaml, every lesson file in the folder is still checked on its own.
	const listed = module?.value.lessons ?? markdownFiles.map((name) => name.slice(0, -3));
	for (const name of markdownFiles) {
		if (module && !listed.includes(name.slice(0, -3))) {
			errors.push(
				fileError(
					shown(name),
					`expected every lesson file to be listed in module.yaml "lessons", found "${name.slice(0, -3)}" missing there`
				)
			);
		}
	}
	/** A lesson's held-back items; a file that fails its schema is reported and left out. */
	function readAssessment(lessonSlug: string): AssessmentFileEntry | undefined {
		const name = join(ASSESSMENT_FOLDER, `${lessonSlug}.yaml`);
		if (!existsSync(join(dir, name))) return undefined;
		const read = readLessonText(join(dir, name), shown(name));
		if (read.error) {
			errors.push(read.error);
			return undefined;
		}
		const parsed = parseYaml(shown(name), read.text);
		errors.push(...parsed.errors);
		if (!parsed.source) return undefined;
		const result = validateFile(assessmentFileSchema, parsed.source);
		errors.push(...result.errors);
		return result.value && { file: shown(name), value: result.value, source: parsed.source };
	}

	const assessmentDir = join(dir, ASSESSMENT_FOLDER);
	if (module && existsSync(assessmentDir)) {
		for (const name of readdirSync(assessmentDir)) {
			if (!name.endsWith('.yaml') || !listed.includes(name.slice(0, -5))) {
				errors.push(
					fileError(
						shown(join(ASSESSMENT_FOLDER, name)),
						`expected an assessment file named after a lesson of module.yaml ("<lesson>.yaml"), found "${name}"`
					)
				);
			}
		}
	}

	listed.forEach((lessonSlug, index) => {
		const name = `${lessonSlug}.md`;
		if (!markdownFiles.includes(name)) {
			if (module)
				errors.push(
					module.source.errorAt(['lessons', index], `expected a lesson file ${name} in this folder, found none`)
				);
			return;
		}
		// Read before the frontmatter is checked, so a broken lesson does not hide the errors of its items.
		const assessment = readAssessment(lessonSlug);
		const read = readLessonText(join(dir, name), shown(name));
		if (read.error) {
			errors.push(read.error);
			return;
		}
		const text = read.text;
		const match = FRONTMATTER.exec(text);
		if (!match) {
			errors.push(
				fileError(shown(name), 'expected YAML frontmatter between "---" lines at the top of the file, found none')
			);
			return;
		}
		const frontmatterText = match[1] ?? '';
		const parsed = parseYaml(shown(name), frontmatterText, 2);
		errors.push(...parsed.errors);
		if (!parsed.source) return;
		const result = validateFile(lessonFrontmatterSchema, parsed.source);
		errors.push(...result.errors);
		if (!result.value) return;
		lessons.push({
			slug: lessonSlug,
			file: shown(name),
			frontmatter: result.value,
			source: parsed.source,
			body: text.slice(match[0].length),
			bodyLine: match[0].split('\n').length,
			assessment
		});
	});

	if (!module) return { errors };
	return { files: { slug, dir, module, actors, events, sources, lessons }, errors };
}
