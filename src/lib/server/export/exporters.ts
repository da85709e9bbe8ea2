/** One function per format: the loaded module and the items to export in, one file out. */
import type { Module } from '../../model/course.ts';
import type { ScormVersion } from '../../scorm/package-data.ts';
import { commonCartridge } from './common-cartridge.ts';
import type { Format } from './formats.ts';
import { giftCannotExpress, giftFile } from './gift.ts';
import { allQuestions, type ItemSet } from './items.ts';
import { qtiCannotExpress } from './qti.ts';
import { launchScript } from './scorm/runtime-bundle.ts';
import { scormPackage } from './scorm/scorm-package.ts';
import { sitePages } from './scorm/site-pages.ts';
import { buildStaticSite } from './scorm/static-build.ts';

export interface ExportInput {
	module: Module;
	items: ItemSet;
	/** The lessons folder the module came from (the SCORM build renders it). */
	lessonsDir: string;
}

export interface ExportFile {
	name: string;
	bytes: Uint8Array;
	/** Lines for the teacher: what was left out and why. */
	notes?: string[];
}

const suffix = (items: ItemSet): string => (items.kind === 'assessment' ? '-assessment' : '');

async function gift({ module, items }: ExportInput): Promise<ExportFile> {
	const skipped = allQuestions(items).filter((question) => giftCannotExpress(question));
	return {
		name: `${module.slug}${suffix(items)}.gift`,
		bytes: new TextEncoder().encode(giftFile(module, items)),
		notes: skipped.map((question) => `Left out: "${question.id}" (${question.type}), which GIFT cannot express.`)
	};
}

async function cc({ module, items }: ExportInput): Promise<ExportFile> {
	const skipped = allQuestions(items).filter((question) => qtiCannotExpress(question));
	return {
		name: `${module.slug}${suffix(items)}.imscc`,
		bytes: commonCartridge(module, items),
		notes: [
			...skipped.map((question) => `Left out: "${question.id}" (${question.type}), which a QTI item cannot show.`),
			"Matching, ordering and classification questions are QTI 1.2 matching items: Canvas imports them; importers that take only the Common Cartridge question types (such as Moodle's) skip them."
		]
	};
}

function scorm(version: ScormVersion) {
	return async ({ module, lessonsDir }: ExportInput): Promise<ExportFile> => {
		const build = await buildStaticSite(lessonsDir);
		try {
			const bytes = scormPackage(module, version, sitePages(build.dir, module.slug), await launchScript());
			return {
				name: `${module.slug}-scorm${version === '1.2' ? '12' : '2004'}.zip`,
				bytes,
				notes: ['Only the public self-check items are in the package: it is graded in the browser.']
			};
		} finally {
			build.remove();
		}
	};
}

export const exporters: Record<Format, (input: ExportInput) => Promise<ExportFile>> = {
	gift,
	cc,
	scorm12: scorm('1.2'),
	scorm2004: scorm('2004')
};
