/**
 * A SCORM package of one module: the module's prerendered pages (made relative), the launch page
 * holding the LMS session, the manifest and the version's schema files, in one deterministic zip.
 * Only public self-check items: the package is graded in the learner's browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Module } from '../../../model/course.ts';
import { interactionType, keyAsResponse, responsePattern } from '../../../scorm/cmi-vocabulary.ts';
import type { PackageData, ScormVersion } from '../../../scorm/package-data.ts';
import { SUSPEND_DATA_LIMIT_12, worstCaseSuspendData } from '../../../scorm/suspend-data.ts';
import { modulePassMark, publicItems } from '../items.ts';
import { plainText } from '../plain-text.ts';
import { deterministicZip, type ZipEntries } from '../zip.ts';
import { LAUNCH_PAGE, LAUNCH_SCRIPT, launchPage } from './launch-page.ts';
import { scormManifest } from './scorm-manifest.ts';
import type { SitePages } from './site-pages.ts';

const SCHEMAS = join(import.meta.dirname, 'schemas');

export function packageData(
	module: Module,
	version: ScormVersion,
	site: Pick<SitePages, 'pages' | 'start'>
): PackageData {
	const items = publicItems(module);
	return {
		version,
		module: module.slug,
		title: module.title,
		start: site.start,
		pages: site.pages,
		passMark: modulePassMark(items),
		questions: items.lessons.flatMap((lesson) =>
			lesson.questions.map((question) => ({
				id: question.id,
				lesson: lesson.slug,
				type: interactionType(question),
				pattern: responsePattern(version, keyAsResponse(question)),
				description: plainText(question.promptHtml)
			}))
		)
	};
}

/** Refuses a module whose resume data could outgrow SCORM 1.2's `suspend_data`. */
export function checkSuspendDataFits(data: PackageData): void {
	const worst = worstCaseSuspendData(data.questions.map((question) => question.id)).length;
	if (data.version === '1.2' && worst > SUSPEND_DATA_LIMIT_12) {
		throw new Error(
			`this module's resume data can reach ${worst} characters, more than SCORM 1.2's ${SUSPEND_DATA_LIMIT_12}: export it as scorm2004`
		);
	}
}

export function scormPackageEntries(
	module: Module,
	version: ScormVersion,
	site: SitePages,
	script: string
): ZipEntries {
	const data = packageData(module, version, site);
	checkSuspendDataFits(data);
	const entries: ZipEntries = new Map(site.files);
	entries.set(LAUNCH_PAGE, launchPage(data));
	entries.set(LAUNCH_SCRIPT, script);
	const schemaDir = join(SCHEMAS, version === '1.2' ? 'scorm12' : 'scorm2004');
	for (const name of readdirSync(schemaDir)) entries.set(name, readFileSync(join(schemaDir, name)));
	const files = [...entries.keys()].sort();
	entries.set(
		'imsmanifest.xml',
		scormManifest({
			version,
			module: module.slug,
			title: module.title,
			passMark: data.passMark,
			launch: LAUNCH_PAGE,
			files
		})
	);
	return entries;
}

export function scormPackage(module: Module, version: ScormVersion, site: SitePages, script: string): Uint8Array {
	return deterministicZip(scormPackageEntries(module, version, site, script));
}
