/**
 * The loader's entry point: every module folder under the lessons directory, parsed, validated
 * and indexed into one Course, or every error found in all of them. Runs once, at build time.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { AssessmentBank, ModuleAssessment } from '../../model/assessment.ts';
import type { Course, Module } from '../../model/course.ts';
import { buildModule } from './build-module.ts';
import type { ContentError } from './content-error.ts';
import { documentsFolder, provenanceNote } from './documents-folder.ts';
import { readModuleFiles } from './read-module-files.ts';
import { readSiteFile } from './read-site-file.ts';
import { idSchema } from './schema.ts';

export interface LoadOptions {
	/** shared/sources, where the sources of a module without its own documents/ folder are traced; found beside the repo by default. */
	sourcesDir?: string;
	/** Paths in error messages are shown relative to this folder (the project root by default). */
	displayRoot?: string;
}

export interface LoadResult {
	course?: Course;
	/** The held-back items, apart from the course: only the classroom server may read them. */
	assessment?: AssessmentBank;
	errors: ContentError[];
	/** Which checks ran on each module, or why they could not: printed by lessons:check. */
	notes: string[];
}

function defaultSourcesDir(lessonsDir: string): string | undefined {
	const candidate = resolve(lessonsDir, '..', '..', 'shared', 'sources');
	return existsSync(candidate) ? candidate : undefined;
}

export function moduleFolders(lessonsDir: string): string[] {
	return readdirSync(lessonsDir)
		.filter(
			(name) => statSync(join(lessonsDir, name)).isDirectory() && existsSync(join(lessonsDir, name, 'module.yaml'))
		)
		.sort();
}

export async function loadCourse(lessonsDir: string, options: LoadOptions = {}): Promise<LoadResult> {
	const root = resolve(lessonsDir);
	const displayRoot = options.displayRoot ?? dirname(root);
	const sourcesDir = options.sourcesDir ?? defaultSourcesDir(root);
	const errors: ContentError[] = [];
	const notes: string[] = [];
	const modules: Module[] = [];
	const assessments: ModuleAssessment[] = [];

	const siteFile = readSiteFile(root, displayRoot);
	errors.push(...siteFile.errors);

	const folders = moduleFolders(root);
	if (folders.length === 0) {
		errors.push({
			file: lessonsDir,
			line: 1,
			column: 1,
			field: '',
			message: 'expected at least one module folder with a module.yaml, found none'
		});
	}
	for (const slug of folders) {
		if (!idSchema.safeParse(slug).success) {
			errors.push({
				file: join(lessonsDir, slug),
				line: 1,
				column: 1,
				field: '',
				message: `expected a kebab-case folder name (it is the module's URL), found "${slug}"`
			});
			continue;
		}
		const read = readModuleFiles(join(root, slug), slug, displayRoot);
		errors.push(...read.errors);
		if (!read.files) continue;
		const documents = documentsFolder(join(root, slug), slug, sourcesDir);
		notes.push(provenanceNote(slug, documents));
		const built = buildModule(read.files, { documents, moduleSlugs: folders });
		errors.push(...built.errors);
		if (built.module) modules.push(built.module);
		if (built.assessment) assessments.push(built.assessment);
	}
	errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
	return errors.length > 0
		? { errors, notes }
		: { course: { site: siteFile.site, modules }, assessment: { modules: assessments }, errors, notes };
}
