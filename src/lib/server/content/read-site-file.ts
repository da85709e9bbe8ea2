/**
 * The optional `site.yaml` at the top of the lessons folder: the copy every page shows that
 * belongs to the course's story rather than to the code (the header's tagline, the catalogue's
 * description). A course without one gets wording that fits any topic.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SiteCopy } from '../../model/course.ts';
import type { ContentError } from './content-error.ts';
import { readLessonText } from './read-text.ts';
import { siteFileSchema } from './schema.ts';
import { validateFile } from './validate-file.ts';
import { parseYaml } from './yaml-source.ts';

export const SITE_FILE = 'site.yaml';

export const DEFAULT_SITE_COPY: SiteCopy = {
	tagline: 'Read the sources. Weigh the claims.',
	description: 'Interactive explainers and quizzes in which every claim links to its source.'
};

export function readSiteFile(lessonsDir: string, displayRoot: string): { site: SiteCopy; errors: ContentError[] } {
	const path = join(lessonsDir, SITE_FILE);
	if (!existsSync(path)) return { site: DEFAULT_SITE_COPY, errors: [] };
	const shown = relative(displayRoot, path);
	const read = readLessonText(path, shown);
	if (read.error) return { site: DEFAULT_SITE_COPY, errors: [read.error] };
	const parsed = parseYaml(shown, read.text);
	if (!parsed.source) return { site: DEFAULT_SITE_COPY, errors: parsed.errors };
	const result = validateFile(siteFileSchema, parsed.source);
	return { site: result.value ?? DEFAULT_SITE_COPY, errors: result.errors };
}
