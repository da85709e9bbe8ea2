import { describe, expect, it } from 'vitest';
import { extractActorQuotes } from '$lib/server/content/actor-quotes';
import type { MarkdownContext } from '$lib/server/content/markdown';
import { VALID_COURSE } from '../../../fixtures/broken-course';

const context: MarkdownContext = {
	moduleSlug: 'mod',
	sourceLabel: (id) => (id === 'wire' ? 'Example Wire' : undefined),
	hasActor: (id) => ['ana', 'boris'].includes(id),
	citationHref: (id) => `/mod/sources#${id}`
};
const section = (id: string, body: string) => `## Section ${id} {#${id}}\n\n${body}\n`;
const extract = (body: string) => extractActorQuotes(body, 'lesson', context);

describe('extractActorQuotes', () => {
	it.each([
		{
			name: 'attribution on the line after the quote, with a label and a citation',
			body: section('s', '> [!denial] "No call."\n> — [Boris](actor:boris) [@wire]'),
			actor: 'boris',
			html: '<p><span class="label label-denial">Denial</span> “No call.”</p>',
			attribution:
				/^<a href="\/mod\/people#boris" class="actor" data-actor="boris">Boris<\/a> <span class="cite">.*href="\/mod\/sources#wire"/
		},
		{
			name: 'attribution as a paragraph of its own, running over two lines',
			body: section('s', '> "A good call."\n>\n> — [Ana](actor:ana), speaking\n> afterwards [@wire]'),
			actor: 'ana',
			html: '<p>“A good call.”</p>',
			attribution: /^<a [^>]*data-actor="ana">Ana<\/a>, speaking\nafterwards <span class="cite">/
		},
		{
			name: 'a quote of two paragraphs',
			body: section('s', '> "First."\n>\n> "Second."\n> — [Ana](actor:ana)'),
			actor: 'ana',
			html: '<p>“First.”</p>\n<p>“Second.”</p>',
			attribution: /^<a [^>]*>Ana<\/a>$/
		}
	])('$name', ({ body, actor, html, attribution }) => {
		const [quote, ...rest] = extract(body);
		expect(rest).toEqual([]);
		expect(quote).toMatchObject({ actor, lesson: 'lesson', section: 's', html });
		expect(quote?.attributionHtml).toMatch(attribution);
	});

	it.each([
		['a quote with no attribution', '> Just a quote.'],
		['an attribution that names no actor', '> "Too far."\n> — the editors [@wire]'],
		['an attribution to someone else, about an actor', '> "Too far."\n> — the editors, about [Ana](actor:ana)'],
		['a dash inside a line, not at its start', '> "Words — [Ana](actor:ana)"']
	])('skips %s', (_name, quote) => {
		expect(extract(section('s', quote))).toEqual([]);
	});

	it('records the section each quote is in, in order', () => {
		const body = [
			section('first', '> "One."\n> — [Ana](actor:ana)'),
			section('second', 'Prose.\n\n> "Two."\n> — [Boris](actor:boris)\n\n> "Three."\n> – [Ana](actor:ana)')
		].join('\n');
		expect(extract(body).map((quote) => `${quote.section}:${quote.actor}`)).toEqual([
			'first:ana',
			'second:boris',
			'second:ana'
		]);
	});

	it('finds a module’s quotes of its actors, rendered, with their attribution', async () => {
		const { loadCourse } = await import('$lib/server/content/load-course');
		const { course } = await loadCourse(VALID_COURSE);
		const quotes = course?.modules[0]?.quotes ?? [];
		const actors = new Set(course?.modules[0]?.actors.map((actor) => actor.id));
		expect(quotes.map((quote) => quote.actor)).toEqual(['boris-aide']);
		for (const quote of quotes) {
			expect(actors.has(quote.actor)).toBe(true);
			expect(quote.html).toMatch(/^<p>/);
			expect(quote.attributionHtml).toContain(`data-actor="${quote.actor}"`);
		}
	});
});
