import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Question } from '$lib/model/course';
import { assessmentItemsFrom, publicItems } from '$lib/server/export/items';
import { ANSWER_KEY_WARNING, runExport } from '$lib/server/export/run-export';
import { EXPORT_LESSONS_DIR, everyTypeModule } from './every-type-module';

const temps: string[] = [];
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[], settings: Parameters<typeof runExport>[2] = {}) {
	const out: string[] = [];
	const err: string[] = [];
	const code = await runExport(
		argv,
		{ log: (line) => out.push(line), error: (line) => err.push(line) },
		{
			lessonsDir: EXPORT_LESSONS_DIR,
			...settings
		}
	);
	return { code, out: out.join('\n'), err: err.join('\n') };
}

function outDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'backchannel-export-'));
	temps.push(dir);
	return dir;
}

describe('npm run export', () => {
	it('lists every format in --help', async () => {
		const { code, out } = await run(['--help']);
		expect(code).toBe(0);
		for (const format of ['scorm12', 'scorm2004', 'cc', 'gift']) expect(out).toMatch(new RegExp(`^  ${format} `, 'm'));
	});

	it('writes the file into --out and says where', async () => {
		const dir = outDir();
		const { code, out } = await run(['every-type', '--format', 'gift', '--out', dir]);
		expect(code).toBe(0);
		expect(existsSync(join(dir, 'every-type.gift'))).toBe(true);
		expect(out).toContain(`Wrote ${join(dir, 'every-type.gift')}`);
		expect(out).toContain('Left out: "find-boris" (map), which GIFT cannot express.');
	});

	it('names the modules there are when the module is unknown', async () => {
		const { code, err } = await run(['nope', '--format', 'gift', '--out', outDir()]);
		expect(code).toBe(1);
		expect(err).toBe(`There is no module "nope" in ${EXPORT_LESSONS_DIR}: the modules are every-type.`);
	});

	it('names the formats there are when the format is unknown or missing', async () => {
		expect((await run(['every-type', '--format', 'docx'])).err).toBe(
			'Unknown format "docx": choose one of scorm12, scorm2004, cc, gift.'
		);
		expect((await run(['every-type'])).err).toBe('Choose a format with --format: scorm12, scorm2004, cc, gift.');
	});

	it('refuses --include-assessment when the module has no held-back items', async () => {
		const { code, err } = await run(['every-type', '--format', 'gift', '--include-assessment', '--out', outDir()]);
		expect(code).toBe(1);
		expect(err).toBe('The module "every-type" has no held-back items to include.');
	});

	it('never puts held-back items in a SCORM package', async () => {
		const { code, err } = await run(['every-type', '--format', 'scorm12', '--include-assessment']);
		expect(code).toBe(1);
		expect(err).toMatch(/SCORM package is graded in the learner's browser/);
	});

	it("takes held-back items from the loader's bank: every variant of every slot, under its lesson", async () => {
		const module = await everyTypeModule();
		const [first, second, third] = module.lessons[0]?.quiz.questions ?? [];
		const bank = {
			modules: [
				{ module: 'other', lessons: [{ lesson: 'the-call', slots: [{ variants: [third as Question] }] }] },
				{
					module: 'every-type',
					lessons: [{ lesson: 'the-call', slots: [{ variants: [first as Question, second as Question] }] }]
				}
			]
		};
		const items = assessmentItemsFrom(bank)(module);
		expect(items?.kind).toBe('assessment');
		expect(items?.lessons.map((lesson) => [lesson.slug, lesson.questions.map((question) => question.id)])).toEqual([
			['the-call', ['who-called', 'what-was-said']]
		]);
		expect(assessmentItemsFrom({ modules: [] })(module)).toBeUndefined();
		expect(assessmentItemsFrom(undefined)(module)).toBeUndefined();
	});

	it('exports held-back items from the source it is given, with a warning about answer keys', async () => {
		const dir = outDir();
		const { code, err } = await run(['every-type', '--format', 'gift', '--include-assessment', '--out', dir], {
			assessment: (module) => ({ ...publicItems(module), kind: 'assessment' })
		});
		expect(code).toBe(0);
		expect(err).toBe(ANSWER_KEY_WARNING);
		expect(readFileSync(join(dir, 'every-type-assessment.gift'), 'utf8')).toContain('// WARNING');
	});
});
