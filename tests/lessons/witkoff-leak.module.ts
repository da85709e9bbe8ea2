/**
 * Loads the "witkoff-leak" module once for the content tests, through the same loader as the site,
 * and offers small readers for its rendered HTML. The loader also checks every source URL against
 * its trace document whenever shared/sources sits beside the repository.
 */
import { fileURLToPath } from 'node:url';
import type { Lesson, Module } from '$lib/model/course';
import { formatContentError } from '$lib/server/content/content-error';
import { loadCourse } from '$lib/server/content/load-course';

const LESSONS_DIR = fileURLToPath(new URL('../../lessons', import.meta.url));
export const MODULE_SLUG = 'witkoff-leak';

export interface LoadedModule {
	module?: Module;
	errors: string[];
}

let loading: Promise<LoadedModule> | undefined;

export function loadWitkoffLeak(): Promise<LoadedModule> {
	loading ??= loadCourse(LESSONS_DIR).then(({ course, errors }) => ({
		module: course?.modules.find((candidate) => candidate.slug === MODULE_SLUG),
		errors: errors.map(formatContentError)
	}));
	return loading;
}

/** The module, or an error listing why it did not load (so every test fails with the reason). */
export async function witkoffLeak(): Promise<Module> {
	const { module, errors } = await loadWitkoffLeak();
	if (!module) throw new Error(`module "${MODULE_SLUG}" did not load:\n${errors.join('\n')}`);
	return module;
}

export const lessonHtml = (lesson: Lesson) => lesson.sections.map((section) => section.html).join('\n');

/** The paragraphs, list items and quotations of some rendered HTML, each as HTML. */
export function blocksOf(html: string): string[] {
	return html.match(/<(p|li|blockquote)\b[^>]*>[\s\S]*?<\/\1>/g) ?? [];
}

/** Text without tags, so citation links (which carry source ids) do not count as words. */
export const textOf = (html: string) => html.replace(/<[^>]+>/g, '');
