/**
 * Files an author's editor or a hostile contributor might produce: each gets one located line
 * naming its root cause, never a stack trace, and files that are fine but unusually saved load.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '$lib/server/content/read-text';
import { brokenCourse, errorLines, removeBrokenCourses } from '../../../fixtures/broken-course';

afterEach(removeBrokenCourses);

const BOM = '\uFEFF';

describe('files saved by other editors', () => {
	it('accepts a byte-order mark and Windows line ends in YAML and Markdown files', async () => {
		const windows = (text: string) => BOM + text.replace(/\n/g, '\r\n');
		const lessons = brokenCourse({ 'module.yaml': windows, 'actors.yaml': windows, 'the-call.md': windows });
		expect(await errorLines(lessons)).toEqual([]);
	});

	it('refuses bytes that are not UTF-8, at their line', async () => {
		const lessons = brokenCourse({
			'actors.yaml': (text) => {
				const bytes = Buffer.from(text.replace('Envoy of the West', 'Envoy of the WEST_'));
				bytes[bytes.indexOf('WEST_') + 4] = 0xe9; // Latin-1 "é", invalid alone in UTF-8
				return bytes;
			}
		});
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/actors.yaml:4:1 expected text saved as UTF-8, found bytes that are not: save the file as UTF-8 in your editor'
		]);
	});

	it(`refuses a file over ${MAX_FILE_BYTES / 1_000_000} MB with its size`, async () => {
		const lessons = brokenCourse({ 'the-call.md': (text) => text + 'A long sentence. '.repeat(70_000) });
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/the-call.md:1:1 expected a file of at most 1 MB, found 1.2 MB: split it into several lessons'
		]);
	});
});

describe('YAML', () => {
	it('reports an alias bomb once, at its first alias, and still checks the other files', async () => {
		const bomb = [
			'- id: ana-envoy',
			'  name: &a [x, x, x, x, x, x, x, x, x]',
			'  role: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
			'  bio: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
			'  side: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'
		].join('\n');
		const lessons = brokenCourse({
			'actors.yaml': () => bomb,
			'events.yaml': (text) => text.replace('kind: call', 'kind: phone')
		});
		const lines = await errorLines(lessons);
		expect(lines).toContainEqual(
			expect.stringMatching(/^lessons\/mini-module\/actors\.yaml:3:13 YAML aliases: expected aliases/)
		);
		expect(lines).toContainEqual(expect.stringMatching(/^lessons\/mini-module\/events\.yaml:\d+:\d+ \[0\]\.kind: /));
		expect(lines.filter((line) => line.includes('actors.yaml'))).toHaveLength(1);
	});

	it('names a tab used for indentation, once per tab, without follow-on noise', async () => {
		const lessons = brokenCourse({
			'actors.yaml': (text) => text.replace('  name: Boris Aide', '\tname: Boris Aide')
		});
		const lines = (await errorLines(lessons)).filter((line) => line.includes('actors.yaml'));
		expect(lines).toEqual([
			'lessons/mini-module/actors.yaml:10:1 YAML syntax: expected spaces for indentation, found a tab (YAML allows no tabs there)'
		]);
	});
});

describe('every error at once, across files', () => {
	const lessonWithoutTitle = (text: string) => text.replace(/^title: .*$/m, 'title:');
	const unknownCitation = (text: string) => text.replace('[@wire-report]', '[@no-such-report]');

	it('still checks the lessons when module.yaml has a syntax error', async () => {
		const lessons = brokenCourse({
			'module.yaml': (text) => text.replace(/^title: /m, 'title: ['),
			'the-call.md': lessonWithoutTitle
		});
		expect(await errorLines(lessons)).toEqual([
			expect.stringMatching(/^lessons\/mini-module\/module\.yaml:\d+:\d+ YAML syntax: /),
			'lessons/mini-module/the-call.md:3:7 title: expected a text, found an empty value'
		]);
	});

	it('still checks references when actors.yaml has a syntax error, without blaming each actor reference', async () => {
		const lessons = brokenCourse({
			'actors.yaml': (text) => `${text}- { id: unclosed\n`,
			'the-call.md': unknownCitation
		});
		expect(await errorLines(lessons)).toEqual([
			expect.stringMatching(/^lessons\/mini-module\/actors\.yaml:\d+:\d+ YAML syntax: /),
			expect.stringMatching(
				/^lessons\/mini-module\/the-call\.md:\d+:\d+ .*citation: expected a source id from sources\.yaml, found "no-such-report"$/
			)
		]);
	});

	it('reports an empty actors.yaml once, not once per reference to an actor', async () => {
		const lessons = brokenCourse({ 'actors.yaml': () => '' });
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/actors.yaml:1:1 expected a list, found an empty value'
		]);
	});
});

describe('links and images in lesson Markdown', () => {
	const withBody = (markdown: string) => ({
		'the-call.md': (text: string) => `${text}\n${markdown} [@wire-report]\n`
	});

	it.for([
		['javascript:alert(1)', 'javascript'],
		['JaVaScRiPt:alert(1)', 'javascript'],
		['java%0Ascript:alert(1)', 'javascript'],
		['%6a%61vascript:alert(1)', 'javascript'],
		['vbscript:msgbox', 'vbscript'],
		['data:text/html;base64,PHNjcmlwdD4=', 'data'],
		['data:image/png;base64,iVBORw0KGgo=', 'data']
	])('refuses a link to %s', async ([href, scheme]) => {
		const lines = await errorLines(brokenCourse(withBody(`Read [this](${href}).`)));
		expect(lines).toEqual([
			expect.stringMatching(
				new RegExp(
					`^lessons/mini-module/the-call\\.md:\\d+:\\d+ link: expected an http\\(s\\), mailto, actor: or site link, found a "${scheme}:" link`
				)
			)
		]);
	});

	it.for(['https://example.org/pixel.gif', '//example.org/pixel.gif', 'data:image/png;base64,iVBORw0KGgo='])(
		'refuses the image %s',
		async (src) => {
			const lines = await errorLines(brokenCourse(withBody(`![pixel](${src})`)));
			expect(lines).toEqual([
				expect.stringMatching(/^lessons\/mini-module\/the-call\.md:\d+:\d+ image: expected an image kept with the site/)
			]);
		}
	);

	it('refuses a link to a page of the module that does not exist, and locates it', async () => {
		const lines = await errorLines(brokenCourse(withBody('See [the map](/mini-module/maps).')));
		expect(lines).toEqual([
			expect.stringMatching(
				/^lessons\/mini-module\/the-call\.md:\d+:\d+ link: expected a page of this site, found "\/mini-module\/maps", which does not exist$/
			)
		]);
	});

	it('accepts web, mail, actor and existing site links', async () => {
		const markdown = [
			'[web](https://example.org/a) [mail](mailto:desk@example.org) [Ana](actor:ana-envoy)',
			'[map](/mini-module/map) [lesson](/mini-module/the-call#the-call) [home](/) [section](#the-call)'
		].join(' ');
		expect(await errorLines(brokenCourse(withBody(markdown)))).toEqual([]);
	});
});
