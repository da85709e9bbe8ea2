/**
 * Lesson Markdown → HTML, pinned by a golden file: one fixture uses every feature a lesson may
 * (citations, actor links, statement labels on paragraphs and quotes, links the policy allows,
 * lists, a table, a local image), and its rendering is compared with the committed HTML. A change
 * to the renderer or to markdown-it that alters what learners read shows up as a diff to review;
 * after checking it, `npx vitest run -u <this file>` rewrites the golden file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, renderInlineMarkdown, type MarkdownContext } from '$lib/server/content/markdown';

const sources: Record<string, string> = { 'wire-report': 'Example Wire', 'court-filing': 'District Court' };
const context: MarkdownContext = {
	moduleSlug: 'mini-module',
	sourceLabel: (id) => sources[id],
	hasActor: (id) => id === 'ana-envoy',
	citationHref: (id) => `#source-${id}`
};

describe('lesson Markdown', () => {
	it('renders every feature as the golden file has it, with no problems', async () => {
		const text = readFileSync('tests/fixtures/markdown/every-feature.md', 'utf8');
		const parsed = parseMarkdown(text, context);
		expect(parsed.problems).toEqual([]);
		expect(parsed.cited).toEqual(expect.arrayContaining(['wire-report', 'court-filing']));
		await expect(parsed.render(parsed.tokens)).toMatchFileSnapshot('../../../fixtures/markdown/every-feature.html');
	});

	it('renders a one-line text without a paragraph, with its citation and actor link', async () => {
		const { html, problems } = renderInlineMarkdown('Met [Ana Envoy](actor:ana-envoy) [@wire-report].', context);
		expect(problems).toEqual([]);
		await expect(html).toMatchFileSnapshot('../../../fixtures/markdown/inline.html');
	});
});
