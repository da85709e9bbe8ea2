/**
 * Finds the quotes of named actors in a lesson body, for the actor cards. A quote is a block
 * quote whose last line is an attribution that opens with a link to the actor who speaks:
 *
 *     > [!denial] "The closer we get to peace, the more desperate warmongers become."
 *     > — [Kirill Dmitriev](actor:kirill-dmitriev) [@reuters-hybrid]
 *
 * The attribution may also be its own paragraph, and may run over several lines. Block quotes
 * without such a line are not quotes of an actor and are skipped. Problems in the Markdown are
 * the lesson parser's to report; this only reads what it parsed.
 */
import type { Token } from 'markdown-it';
import type { ActorQuote } from '../../model/course.ts';
import { parseMarkdown, type MarkdownContext } from './markdown.ts';

const SECTION_ID = /\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;
const DASH = /^\s*[—–]\s*/;

/** Where an attribution starts in an inline token's children: at a line that begins with a dash. */
function attributionStart(children: Token[]): number {
	return children.findIndex(
		(child, index) =>
			child.type === 'text' && DASH.test(child.content) && (index === 0 || children[index - 1]?.type === 'softbreak')
	);
}

export function extractActorQuotes(body: string, lessonSlug: string, context: MarkdownContext): ActorQuote[] {
	const parsed = parseMarkdown(body, context);
	const { tokens } = parsed;
	const quotes: ActorQuote[] = [];
	let section = '';

	for (let index = 0; index < tokens.length; index++) {
		const token = tokens[index];
		if (token?.type === 'heading_open' && token.tag === 'h2') {
			section = SECTION_ID.exec(tokens[index + 1]?.content ?? '')?.[1] ?? section;
			continue;
		}
		if (token?.type !== 'blockquote_open') continue;
		let depth = 1;
		let end = index + 1;
		for (; end < tokens.length && depth > 0; end++) {
			if (tokens[end]?.type === 'blockquote_open') depth++;
			if (tokens[end]?.type === 'blockquote_close') depth--;
		}
		const inside = tokens.slice(index + 1, end - 1);
		index = end - 1;

		const lastInline = inside.findLastIndex((candidate) => candidate.type === 'inline');
		const inline = inside[lastInline];
		const children = inline?.children ?? [];
		const start = attributionStart(children);
		if (!inline || start === -1) continue;
		// The speaker is the actor the attribution opens with: "— [Name](actor:id), role [@source]".
		// A line such as "— the editors, about [Name](actor:id)" quotes someone else.
		const [dash, link] = children.slice(start, start + 2);
		const actor = dash?.content.replace(DASH, '') === '' ? link?.attrGet('data-actor') : undefined;
		if (link?.type !== 'link_open' || actor === undefined || actor === null) continue;
		const attribution = children.slice(start + 1);
		// The quoted words: every block before the attribution's paragraph, then that paragraph's
		// text up to the line break before the dash (a paragraph of its own when the attribution is).
		const before = inside.slice(0, lastInline - 1);
		const lead = children.slice(0, Math.max(start - 1, 0));
		const html = [parsed.render(before), lead.length > 0 ? `<p>${parsed.render(lead).trim()}</p>` : ''].join('').trim();
		quotes.push({
			actor: String(actor),
			lesson: lessonSlug,
			section,
			html,
			attributionHtml: parsed.render(attribution).trim()
		});
	}
	return quotes;
}
