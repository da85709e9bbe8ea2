/**
 * The item-writing checks on fixture modules: `item-cues/cued-module` carries one of each cue
 * (correct option longest too often, unbalanced true/false keys, a missing hint, a distractor that
 * repeats the key); `valid/mini-module` carries none. Each case edits a copy of a fixture.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatContentError } from '$lib/server/content/content-error';
import { checkItems, lessonQuestions } from '$lib/server/content/item-checks';
import { readModuleFiles } from '$lib/server/content/read-module-files';

const CUED = 'tests/fixtures/courses/item-cues';
const VALID = 'tests/fixtures/courses/valid';
const temps: string[] = [];

/** A copy of a fixture course with its lesson file edited. */
function editedCourse(course: string, edit: (text: string) => string): string {
	const root = mkdtempSync(join(tmpdir(), 'backchannel-items-'));
	temps.push(root);
	const lessons = join(root, 'lessons');
	cpSync(course, lessons, { recursive: true });
	const [module] = course === CUED ? ['cued-module'] : ['mini-module'];
	const path = join(lessons, module, 'the-call.md');
	writeFileSync(path, edit(readFileSync(path, 'utf8')));
	return lessons;
}

/** The item-check findings of a course's single module, formatted as the loader prints them. */
function findings(lessonsDir: string, module: string): string[] {
	const read = readModuleFiles(join(lessonsDir, module), module, join(lessonsDir, '..'));
	expect(read.errors.map(formatContentError)).toEqual([]);
	return checkItems(lessonQuestions(read.files?.lessons ?? [])).map(formatContentError);
}

afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const LESSON = String.raw`^lessons/cued-module/the-call\.md`;

describe('item checks', () => {
	it('find nothing in a module written to the rules', () => {
		expect(findings(VALID, 'mini-module')).toEqual([]);
	});

	it('find every cue in the cued fixture, each at its file, line, column and field', () => {
		const found = findings(
			editedCourse(CUED, (t) => t),
			'cued-module'
		);
		const expected = [
			new RegExp(
				`${LESSON}:19:28 quiz\\.questions\\[0\\]\\.options\\[0\\]\\.text: expected the correct option to be the longest by more than 10% in at most 1 in 3 single/multiple items \\(1 of 4\\), found it here and in 1 other: shorten it or write a distractor as long$`
			),
			new RegExp(
				`${LESSON}:31:30 quiz\\.questions\\[1\\]\\.options\\[1\\]\\.text: expected the correct option to be the longest`
			),
			new RegExp(
				`${LESSON}:63:15 quiz\\.questions\\[4\\]\\.answer: expected 40–60% of true/false items keyed true, found 1 of 4 \\(25%\\): this item is one of the 3 keyed false$`
			),
			new RegExp(`${LESSON}:71:15 quiz\\.questions\\[5\\]\\.answer: expected 40–60% of true/false items keyed true`),
			new RegExp(`${LESSON}:79:15 quiz\\.questions\\[6\\]\\.answer: expected 40–60% of true/false items keyed true`),
			new RegExp(
				`${LESSON}:54:29 quiz\\.questions\\[3\\]\\.options\\[2\\]\\.text: expected a distractor that does not repeat the text of the correct option "ana", found it repeated$`
			),
			new RegExp(`${LESSON}:\\d+:7 quiz\\.questions\\[8\\]\\.hint: expected a hint that points at the reasoning`)
		];
		expect(found).toHaveLength(expected.length);
		for (const pattern of expected)
			expect(
				found.some((line) => pattern.test(line)),
				String(pattern)
			).toBe(true);
	});

	it('leave a silenced item out of the module-wide counts', () => {
		const course = editedCourse(CUED, (t) =>
			t.replace(
				'    - id: long-key\n',
				'    - id: long-key\n      checks: { allow: [longest-option], reason: "The full title is the answer being tested." }\n'
			)
		);
		expect(findings(course, 'cued-module').filter((line) => line.includes('longest by more than 10%'))).toEqual([]);
	});

	it('accept a true/false balance within 40–60%', () => {
		const course = editedCourse(CUED, (t) =>
			t.replace(
				'prompt: The report came before the calls.\n      answer: false',
				'prompt: The report came after the calls.\n      answer: true'
			)
		);
		expect(findings(course, 'cued-module').filter((line) => line.includes('true/false'))).toEqual([]);
	});

	it('accept an odd count of true/false items keyed as evenly as it allows (1 true of 3)', () => {
		const course = editedCourse(CUED, (t) =>
			t.replace(
				'    - id: tf-four\n',
				'    - id: tf-four\n      checks: { allow: [truefalse-balance], reason: "A trick statement kept for a later version." }\n'
			)
		);
		expect(findings(course, 'cued-module').filter((line) => line.includes('true/false'))).toEqual([]);
	});

	it('report an allowance that silences nothing, so stale ones are removed', () => {
		const course = editedCourse(VALID, (t) =>
			t.replace(
				'    - id: who-called\n',
				'    - id: who-called\n      checks: { allow: [hint], reason: "Left over from an earlier version of the item." }\n'
			)
		);
		expect(findings(course, 'mini-module')).toEqual([
			expect.stringMatching(
				/^lessons\/mini-module\/the-call\.md:14:25 quiz\.questions\[0\]\.checks\.allow\[0\]: expected an allowed check that this question fails, found "hint", which it passes: remove it$/
			)
		]);
	});

	it('refuse an allowance without a written reason', () => {
		const course = editedCourse(VALID, (t) =>
			t.replace('    - id: call-order\n', '    - id: call-order\n      checks: { allow: [hint], reason: "ok" }\n')
		);
		const read = readModuleFiles(join(course, 'mini-module'), 'mini-module', join(course, '..'));
		expect(read.errors.map(formatContentError)).toEqual([
			expect.stringMatching(
				/^lessons\/mini-module\/the-call\.md:\d+:\d+ quiz\.questions\[1\]\.checks\.reason: expected a written reason of at least 20 characters/
			)
		]);
	});
});
