/** The export command's logic, apart from the process, so tests can run it and read what it says. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatContentErrors } from '../content/content-error.ts';
import { loadCourse } from '../content/load-course.ts';
import { exporters } from './exporters.ts';
import { FORMATS, isFormat } from './formats.ts';
import { assessmentItemsFrom, publicItems, type AssessmentSource, type HeldBackBank } from './items.ts';

export interface ExportIo {
	log: (line: string) => void;
	error: (line: string) => void;
}

export interface ExportSettings {
	lessonsDir: string;
	/** Held-back items, for `--include-assessment`; by default the loader's bank, if it has one. */
	assessment?: AssessmentSource;
}

export const ANSWER_KEY_WARNING =
	"WARNING: this file contains the answer keys of held-back assessment items. Keep it out of learners' reach: import it into your LMS quiz only, and do not post it where students can download it.";

export function usage(): string {
	const width = Math.max(...Object.keys(FORMATS).map((name) => name.length));
	return [
		'Usage: npm run export -- <module> --format <format> [--out <dir>] [--include-assessment]',
		'',
		'Formats:',
		...Object.entries(FORMATS).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
		'',
		'Options:',
		'  --out <dir>             where to write the file (default: exports)',
		'  --include-assessment    also export the held-back assessment items (gift, cc only; the file',
		'                          then holds answer keys)',
		'  --help                  show this help'
	].join('\n');
}

export async function runExport(argv: string[], io: ExportIo, settings: Partial<ExportSettings> = {}): Promise<number> {
	const lessonsDir = settings.lessonsDir ?? 'lessons';
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				format: { type: 'string', short: 'f' },
				out: { type: 'string', short: 'o', default: 'exports' },
				'include-assessment': { type: 'boolean', default: false },
				help: { type: 'boolean', short: 'h', default: false }
			}
		});
	} catch (problem) {
		io.error(`${(problem as Error).message}\n\n${usage()}`);
		return 1;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		io.log(usage());
		return 0;
	}
	const [slug, ...extra] = positionals;
	if (!slug || extra.length > 0) {
		io.error(`Give exactly one module.\n\n${usage()}`);
		return 1;
	}
	const format = values.format;
	if (!format || !isFormat(format)) {
		const known = Object.keys(FORMATS).join(', ');
		io.error(
			format ? `Unknown format "${format}": choose one of ${known}.` : `Choose a format with --format: ${known}.`
		);
		return 1;
	}

	const loaded = await loadCourse(lessonsDir);
	if (!loaded.course) {
		io.error(`The lessons have errors; fix them first:\n${formatContentErrors(loaded.errors)}`);
		return 1;
	}
	const module = loaded.course.modules.find((candidate) => candidate.slug === slug);
	if (!module) {
		const known = loaded.course.modules.map((candidate) => candidate.slug).join(', ');
		io.error(`There is no module "${slug}" in ${lessonsDir}: the modules are ${known}.`);
		return 1;
	}

	let items = publicItems(module);
	if (values['include-assessment']) {
		if (format === 'scorm12' || format === 'scorm2004') {
			io.error(
				"A SCORM package is graded in the learner's browser, so it can never hold held-back assessment items: export them with --format gift or cc."
			);
			return 1;
		}
		// The loader returns the held-back bank beside the course once assessment files are loaded.
		const bank = (loaded as { assessment?: HeldBackBank }).assessment;
		const heldBack = (settings.assessment ?? assessmentItemsFrom(bank))(module);
		if (!heldBack) {
			io.error(`The module "${slug}" has no held-back items to include.`);
			return 1;
		}
		items = heldBack;
		io.error(ANSWER_KEY_WARNING);
	}

	try {
		const file = await exporters[format]({ module, items, lessonsDir });
		mkdirSync(values.out, { recursive: true });
		const path = join(values.out, file.name);
		writeFileSync(path, file.bytes);
		io.log(`Wrote ${path} (${file.bytes.length.toLocaleString('en')} bytes).`);
		for (const note of file.notes ?? []) io.log(note);
		return 0;
	} catch (problem) {
		io.error(`Export failed: ${(problem as Error).message}`);
		return 1;
	}
}
