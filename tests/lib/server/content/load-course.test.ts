import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatContentError } from '$lib/server/content/content-error';
import { loadCourse } from '$lib/server/content/load-course';
import { DEFAULT_SITE_COPY } from '$lib/server/content/read-site-file';
import { focusLayout } from '$lib/server/layout/focus-layout';
import { focusMembers, buildLinks } from '$lib/network/graph';
import { brokenCourse, removeBrokenCourses, VALID_COURSE as VALID } from '../../../fixtures/broken-course';

async function errorsOf(lessonsDir: string): Promise<string[]> {
	const result = await loadCourse(lessonsDir);
	expect(result.course).toBeUndefined();
	return result.errors.map(formatContentError);
}

afterEach(removeBrokenCourses);

describe('loadCourse on the valid fixture', () => {
	it('builds the module with rendered, cross-linked content', async () => {
		const { course, errors } = await loadCourse(VALID);
		expect(errors).toEqual([]);
		const module = course?.modules[0];
		expect(module?.slug).toBe('mini-module');
		expect(module?.asOf).toBe('2025-11-28');
		expect(module?.lessons.map((lesson) => lesson.slug)).toEqual(['the-call']);
		const section = module?.lessons[0]?.sections[0];
		expect(section?.id).toBe('the-call');
		expect(section?.title).toBe('The call');
		expect(section?.html).toContain('href="/mini-module/people#ana-envoy"');
		expect(section?.html).toContain('href="#source-wire-report"');
		expect(section?.html).toContain('<span class="label label-denial">Denial</span>');
		expect(section?.html).toContain('<blockquote class="statement statement-denial">');
	});

	it('derives an ordering question’s answer from the event dates', async () => {
		const { course } = await loadCourse(VALID);
		const question = course?.modules[0]?.lessons[0]?.quiz.questions.find((q) => q.type === 'ordering');
		expect(question?.type === 'ordering' && question.answer).toEqual(['first-call', 'second-call', 'report']);
	});

	it('applies the quiz defaults: pass mark 80 %, two tries', async () => {
		const { course } = await loadCourse(VALID);
		expect(course?.modules[0]?.lessons[0]?.quiz).toMatchObject({ passMark: 0.8, tries: 2 });
	});
});

describe('a lesson’s map layout, computed by the loader', () => {
	it('lays out each lesson’s own actors, as focusLayout does, the same on every load', async () => {
		const [first, second] = await Promise.all([loadCourse(VALID), loadCourse(VALID)]);
		const module = first.course?.modules[0];
		if (!module) throw new Error('the fixture module did not load');
		const links = buildLinks(module.actors, module.events);
		for (const lesson of module.lessons) {
			const drawn = lesson.mapLayout.nodes.map((node) => node.id).sort();
			expect(drawn.length).toBeGreaterThan(0);
			expect(drawn).toEqual([...focusMembers(links, lesson.focus).actors].sort());
			expect(lesson.mapLayout).toEqual(focusLayout(module, lesson.focus));
		}
		expect(second.course?.modules[0]?.lessons.map((lesson) => lesson.mapLayout)).toEqual(
			module.lessons.map((lesson) => lesson.mapLayout)
		);
	});
});

describe('site copy (lessons/site.yaml)', () => {
	it('is topic-neutral when the course has no site.yaml', async () => {
		const { course } = await loadCourse(VALID);
		expect(course?.site).toEqual(DEFAULT_SITE_COPY);
	});

	it('comes from site.yaml when there is one', async () => {
		const lessons = brokenCourse({});
		writeFileSync(join(lessons, 'site.yaml'), 'tagline: Read the flight log.\ndescription: Apollo 13, hour by hour.\n');
		const { course, errors } = await loadCourse(lessons);
		expect(errors).toEqual([]);
		expect(course?.site).toEqual({ tagline: 'Read the flight log.', description: 'Apollo 13, hour by hour.' });
	});

	it('refuses an unknown or empty field in site.yaml, located', async () => {
		const lessons = brokenCourse({});
		writeFileSync(join(lessons, 'site.yaml'), 'tagline: ""\ndescription: Apollo 13.\nheadline: Houston\n');
		expect(await errorsOf(lessons)).toEqual([
			'lessons/site.yaml:1:10 tagline: expected a non-empty text, found ""',
			'lessons/site.yaml:3:1 headline: unknown field (see lessons/README.md for the fields allowed here)'
		]);
	});
});

describe('the item-writing checks run in the loader', () => {
	it('fail a module whose questions carry test-taking cues, at the item at fault', async () => {
		const errors = await errorsOf('tests/fixtures/courses/item-cues');
		expect(errors).toContainEqual(
			expect.stringMatching(/^item-cues\/cued-module\/the-call\.md:91:7 quiz\.questions\[8\]\.hint: expected a hint/)
		);
		expect(errors.filter((line) => line.includes('longest by more than 10%'))).toHaveLength(2);
	});
});

describe('each kind of error is reported at its file, line, column and field', () => {
	const cases: [string, Record<string, (text: string) => string>, RegExp][] = [
		[
			'YAML syntax error',
			{ 'actors.yaml': (t) => t.replace('  role: Envoy of the West', '  role: [Envoy of the West') },
			/^lessons\/mini-module\/actors\.yaml:\d+:\d+ YAML syntax: /
		],
		[
			'missing field',
			{ 'actors.yaml': (t) => t.replace('  role: Envoy of the West\n', '') },
			/^lessons\/mini-module\/actors\.yaml:2:3 \[0\]\.role: expected a text, found nothing \(the field is required\)$/
		],
		[
			'unknown field',
			{ 'module.yaml': (t) => t.replace('minutes: 5', 'minutes: 5\ncolour: blue') },
			/^lessons\/mini-module\/module\.yaml:6:1 colour: unknown field/
		],
		[
			'unclosed bracket, at the bracket rather than the line after',
			{ 'module.yaml': (t) => t.replace('lessons: [the-call]', 'lessons: [the-call') },
			/^lessons\/mini-module\/module\.yaml:8:10 YAML syntax: expected this "\[" to be closed by a "\]", found none$/
		],
		[
			'raw HTML in a quiz prompt, at the tag',
			{
				'the-call.md': (t) =>
					t.replace('prompt: Who placed the first call?', 'prompt: Who <b>placed</b> the first call?')
			},
			/^lessons\/mini-module\/the-call\.md:16:19 quiz\.questions\[0\]\.prompt: raw HTML is not allowed \(write Markdown\), found "<b>"$/
		],
		[
			'mistyped field',
			{ 'module.yaml': (t) => t.replace('minutes: 5', 'minutes: five') },
			/^lessons\/mini-module\/module\.yaml:5:10 minutes: expected a number, found "five"$/
		],
		[
			'duplicate id',
			{ 'actors.yaml': (t) => t.replace('id: boris-aide', 'id: ana-envoy') },
			/^lessons\/mini-module\/actors\.yaml:9:7 \[1\]\.id: expected a unique actor id, found "ana-envoy" again$/
		],
		[
			'reference to an actor that does not exist',
			{ 'events.yaml': (t) => t.replace('to: [boris-aide]', 'to: [boris-aid]') },
			/^lessons\/mini-module\/events\.yaml:9:8 \[0\]\.to\[0\]: expected an actor id, found "boris-aid", which is not defined$/
		],
		[
			'reference to an event that does not exist',
			{ 'the-call.md': (t) => t.replace('events: [first-call]', 'events: [first-cal]') },
			/^lessons\/mini-module\/the-call\.md:10:12 focus\.events\[0\]: expected an event id, found "first-cal", which is not defined$/
		],
		[
			'reference to a source that does not exist',
			{ 'actors.yaml': (t) => t.replace('  sources: [wire-report]', '  sources: [wire]') },
			/^lessons\/mini-module\/actors\.yaml:8:13 \[0\]\.sources\[0\]: expected a source id, found "wire", which is not defined$/
		],
		[
			'citation of a source that does not exist',
			{ 'the-call.md': (t) => t.replace('on 14 October [@wire-report]', 'on 14 October [@wire]') },
			/^lessons\/mini-module\/the-call\.md:36:\d+ citation: expected a source id from sources\.yaml, found "wire"$/
		],
		[
			'reference to a section that does not exist',
			{
				'the-call.md': (t) =>
					t.replace('      section: the-call\n      prompt: Who', '      section: the-cal\n      prompt: Who')
			},
			/^lessons\/mini-module\/the-call\.md:15:16 quiz\.questions\[0\]\.section: expected a section id of this lesson \("the-call"\), found "the-cal"$/
		],
		[
			'reference to a lesson that does not exist',
			{ 'events.yaml': (t) => t.replace('lesson: the-call#the-call', 'lesson: the-cal#the-call') },
			/^lessons\/mini-module\/events\.yaml:10:11 \[0\]\.lesson: expected a lesson slug from module\.yaml, found "the-cal"$/
		],
		[
			'lesson listed without a file',
			{ 'module.yaml': (t) => t.replace('lessons: [the-call]', 'lessons: [the-call, epilogue]') },
			/^lessons\/mini-module\/module\.yaml:8:21 lessons\[1\]: expected a lesson file epilogue\.md in this folder, found none$/
		],
		[
			'answer key that points at no option',
			{ 'the-call.md': (t) => t.replace('answer: ana', 'answer: anna') },
			/^lessons\/mini-module\/the-call\.md:20:15 quiz\.questions\[0\]\.answer: expected one of the option ids \("ana", "boris"\), found "anna"$/
		],
		[
			'ordering question with an undated event',
			{ 'events.yaml': (t) => t.replace('  date: 2025-10-29\n', '') },
			/^lessons\/mini-module\/the-call\.md:\d+:\d+ quiz\.questions\[1\]\.events\[1\]: expected events with dates \(an ordering question needs them\), found "second-call" without a date$/
		],
		[
			'date that does not parse',
			{ 'events.yaml': (t) => t.replace('date: 2025-10-14', 'date: 2025-02-30') },
			/^lessons\/mini-module\/events\.yaml:4:9 \[0\]\.date: expected a date as YYYY-MM-DD, or YYYY-MM when only the month is known, found "2025-02-30"$/
		],
		[
			'raw HTML in a lesson',
			{ 'the-call.md': (t) => t.replace('on 14 October', 'on <b>14 October</b>') },
			/^lessons\/mini-module\/the-call\.md:36:71 raw HTML is not allowed \(write Markdown\), found "<b>"$/
		],
		[
			'a section heading without an id',
			{ 'the-call.md': (t) => t.replace('## The call {#the-call}', '## The call') },
			/^lessons\/mini-module\/the-call\.md:34:1 section heading: expected an id at its end/
		],
		[
			'a section id the lesson page uses itself',
			{ 'the-call.md': (t) => t.replace('## The call {#the-call}', '## The call {#quiz}') },
			/^lessons\/mini-module\/the-call\.md:34:1 section heading: expected an id the lesson page does not use itself/
		],
		[
			'an unknown question type',
			{ 'the-call.md': (t) => t.replace('type: single', 'type: essay') },
			/^lessons\/mini-module\/the-call\.md:14:13 quiz\.questions\[0\]\.type: expected one of "single", "multiple", "truefalse", "ordering", "matching", "classification", "map", found "essay"$/
		]
	];

	it.each(cases)('%s', async (_name, edits, expected) => {
		const errors = await errorsOf(brokenCourse(edits));
		expect(
			errors.some((error) => expected.test(error)),
			`got:\n${errors.join('\n')}`
		).toBe(true);
	});

	it('reports every error in the module at once', async () => {
		const errors = await errorsOf(
			brokenCourse({
				'module.yaml': (t) => t.replace('minutes: 5', 'minutes: five'),
				'events.yaml': (t) => t.replace('to: [boris-aide]', 'to: [nobody]'),
				'the-call.md': (t) => t.replace('answer: ana', 'answer: anna').replace('on 14 October', 'on <i>14</i> October')
			})
		);
		expect(errors.join('\n')).toMatch(/module\.yaml:5:10 minutes/);
		expect(errors.join('\n')).toMatch(/events\.yaml:9:8 \[0\]\.to\[0\]/);
		expect(errors.join('\n')).toMatch(/the-call\.md:20:15 quiz\.questions\[0\]\.answer/);
		expect(errors.join('\n')).toMatch(/the-call\.md:36:\d+ raw HTML/);
	});
});
