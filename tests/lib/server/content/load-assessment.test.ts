/**
 * Held-back assessment files (`assessment/<lesson>.yaml`): loaded apart from the course, checked
 * with the same located errors as the lesson files. Each case edits the valid fixture module.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatContentError } from '$lib/server/content/content-error';
import { loadCourse } from '$lib/server/content/load-course';
import { brokenCourse, removeBrokenCourses, VALID_COURSE as VALID } from '../../../fixtures/broken-course';

const ITEMS = 'assessment/the-call.yaml';

function copyOfFixture(): string {
	return brokenCourse({});
}

function brokenItems(edit: (text: string) => string, file = ITEMS): string {
	return brokenCourse({ [file]: edit });
}

async function errorsOf(lessonsDir: string): Promise<string[]> {
	const result = await loadCourse(lessonsDir);
	expect(result.course).toBeUndefined();
	expect(result.assessment).toBeUndefined();
	return result.errors.map(formatContentError);
}

afterEach(removeBrokenCourses);

describe('held-back items of the valid fixture', () => {
	it('load into the bank, apart from the course the pages serialise', async () => {
		const { course, assessment, errors } = await loadCourse(VALID);
		expect(errors).toEqual([]);
		const slots = assessment?.modules[0]?.lessons[0]?.slots ?? [];
		expect(slots.map((slot) => [slot.id, slot.type, slot.variants.length])).toEqual([
			['held-caller', 'single', 2],
			['held-denial', 'classification', 2],
			['held-callback', 'truefalse', 3]
		]);
		expect(slots[0]?.variants[0]?.hintHtml).toContain('Zephyr hint');
		// Nothing of them in the course: not an id, not a prompt.
		expect(JSON.stringify(course)).not.toMatch(/held-|Zephyr|Quillon|Marlowe/);
	});
});

describe('each error in an assessment file is reported at its file, line, column and field', () => {
	const cases: [string, (text: string) => string, RegExp][] = [
		[
			'an unknown slot field',
			(t) => t.replace('    objective: Say who', '    difficulty: easy\n    objective: Say who'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:6:5 slots\[0\]\.difficulty: unknown field/
		],
		[
			'a variant of another type than its slot declares',
			(t) => t.replace('    type: truefalse\n    variants', '    type: single\n    variants'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:15 slots\[2\]\.variants\[1\]\.type: expected the slot's type "single" for every variant, found "truefalse"$/
		],
		[
			'a slot with one variant',
			(t) => t.slice(0, t.indexOf('      - id: held-callback-b')),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:\d+ slots\[2\]\.variants: expected at least 2 items, found 1$/
		],
		[
			'a slot with five variants',
			(t) => {
				const start = t.indexOf('      - id: held-callback-a');
				const variant = t.slice(start, t.indexOf('      - id: held-callback-b'));
				return (
					t +
					variant.replaceAll('held-callback-a', 'held-callback-d') +
					variant.replaceAll('held-callback-a', 'held-callback-e')
				);
			},
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:\d+ slots\[2\]\.variants: expected at most 4, found a list of 5$/
		],
		[
			'a held-back id that a public question already has',
			(t) => t.replace('- id: held-caller-b', '- id: who-called'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:20:13 slots\[0\]\.variants\[1\]\.id: expected a variant id unique in the module \(public and held-back\), found "who-called" again \(first in lessons\/mini-module\/the-call\.md\)$/
		],
		[
			'a slot id used twice',
			(t) => t.replace('- id: held-denial\n', '- id: held-caller\n'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:9 slots\[1\]\.id: expected a slot id unique in the module \(public and held-back\), found "held-caller" again/
		],
		[
			'a missing hint',
			(t) => t.replace('        hint: Zephyr hint — the report names the caller first.\n', ''),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:9:9 slots\[0\]\.variants\[0\]\.hint: expected a text, found nothing \(the field is required\)$/
		],
		[
			'a section the lesson does not have',
			(t) =>
				t.replace(
					'        section: the-call\n        prompt: Zephyr check — who',
					'        section: the-cal\n        prompt: Zephyr check — who'
				),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:18 slots\[0\]\.variants\[1\]\.section: expected a section id of lesson "the-call" \("the-call"\), found "the-cal"$/
		],
		[
			'a source that does not exist',
			(t) => t.replace('sources: [wire-report]', 'sources: [wire]'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:19 slots\[0\]\.variants\[0\]\.sources\[0\]: expected a source id, found "wire", which is not defined$/
		],
		[
			'an answer key that points at no option',
			(t) => t.replace('answer: boris', 'answer: borris'),
			/^lessons\/mini-module\/assessment\/the-call\.yaml:\d+:17 slots\[0\]\.variants\[1\]\.answer: expected one of the option ids \("ana", "boris"\), found "borris"$/
		]
	];

	it.each(cases)('%s', async (_name, edit, expected) => {
		const errors = await errorsOf(brokenItems(edit));
		expect(
			errors.some((error) => expected.test(error)),
			`got:\n${errors.join('\n')}`
		).toBe(true);
	});

	it('reports an assessment file named after no lesson', async () => {
		const lessons = copyOfFixture();
		writeFileSync(join(lessons, 'mini-module', 'assessment', 'epilogue.yaml'), 'slots: []\n');
		expect(await errorsOf(lessons)).toContain(
			'lessons/mini-module/assessment/epilogue.yaml:1:1 expected an assessment file named after a lesson of module.yaml ("<lesson>.yaml"), found "epilogue.yaml"'
		);
	});

	it('reports the items of a lesson whose own frontmatter is broken', async () => {
		const lessons = brokenItems((t) => t.replace('        hint: Zephyr hint — the one who did not dial.\n', ''));
		const path = join(lessons, 'mini-module', 'the-call.md');
		writeFileSync(path, readFileSync(path, 'utf8').replace('minutes: 3', 'minutes: three'));
		const errors = await errorsOf(lessons);
		expect(errors.some((error) => error.startsWith('lessons/mini-module/the-call.md:5:'))).toBe(true);
		expect(
			errors.some((error) => /assessment\/the-call\.yaml:\d+:\d+ slots\[0\]\.variants\[1\]\.hint/.test(error))
		).toBe(true);
	});
});
