/**
 * Lesson Markdown, rendered once at build time with markdown-it plus three small extensions:
 * citations `[@source-id; @other]`, actor links `[Name](actor:actor-id)`, and statement labels
 * (`[!denial]` at the start of a paragraph or quote). Raw HTML is refused, not sanitised, so what
 * an author writes is exactly what a learner reads. Problems are collected with their line in the
 * Markdown so the caller can locate them in the file.
 */
import markdownIt, { type MarkdownIt, type StateCore, type StateInline, type Token } from 'markdown-it';
import { STATEMENT_KIND_LABELS, STATEMENT_KINDS, type StatementKind } from '../../model/course.ts';
import { imageProblem, linkProblem, sitePageProblem, type SitePages } from './link-policy.ts';

export interface MarkdownProblem {
	/** 0-based line within the Markdown text. */
	line: number;
	/** 0-based column within that line, when the offending text can be found. */
	column: number;
	message: string;
	/** The offending text, for locating the problem inside a YAML field's value. */
	text?: string;
}

export interface MarkdownContext {
	moduleSlug: string;
	sourceLabel(id: string): string | undefined;
	hasActor(id: string): boolean;
	/** Where a citation links: the lesson's own source list, or the module's sources page. */
	citationHref(id: string): string;
	/** The site's pages, to check links from `/`; without it such links are not checked. */
	site?: SitePages;
}

type BackchannelEnv = {
	context: MarkdownContext;
	problems: MarkdownProblem[];
	cited: string[];
	lines: string[];
};

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LABEL = new RegExp(`^\\[!(${STATEMENT_KINDS.join('|')})\\]\\s*`);

function citationRule(state: StateInline, silent: boolean): boolean {
	const src = state.src.slice(state.pos, state.posMax);
	const match = /^\[@([^\]]*)\]/.exec(src);
	if (!match) return false;
	if (!silent) {
		const ids = match[0]
			.slice(1, -1)
			.split(';')
			.map((part) => part.trim().replace(/^@/, ''));
		const token = state.push('citation', '', 0);
		token.meta = { ids, raw: match[0] };
	}
	state.pos += match[0].length;
	return true;
}

function problemAt(env: BackchannelEnv, blockLine: number, needle: string, message: string): MarkdownProblem {
	for (let line = blockLine; line < env.lines.length; line++) {
		const column = env.lines[line]?.indexOf(needle) ?? -1;
		if (column >= 0) return { line, column, message, text: needle };
	}
	return { line: blockLine, column: 0, message, text: needle };
}

/** Checks and rewrites the inline tokens of one block (a paragraph, heading or quiz text). */
function processInline(children: Token[], blockLine: number, env: BackchannelEnv): void {
	const { context } = env;
	for (const token of children) {
		if (token.type === 'html_inline') {
			env.problems.push(
				problemAt(
					env,
					blockLine,
					token.content,
					`raw HTML is not allowed (write Markdown), found ${JSON.stringify(token.content)}`
				)
			);
		} else if (token.type === 'citation') {
			const { ids, raw } = token.meta as { ids: string[]; raw: string };
			for (const id of ids) {
				if (!ID.test(id)) {
					env.problems.push(
						problemAt(env, blockLine, raw, `citation: expected source ids as [@id; @id], found ${JSON.stringify(raw)}`)
					);
				} else if (context.sourceLabel(id) === undefined) {
					env.problems.push(
						problemAt(env, blockLine, raw, `citation: expected a source id from sources.yaml, found "${id}"`)
					);
				} else if (!env.cited.includes(id)) {
					env.cited.push(id);
				}
			}
		} else if (token.type === 'image') {
			const src = String(token.attrGet('src') ?? '');
			const problem = imageProblem(src);
			if (problem) env.problems.push(problemAt(env, blockLine, src, problem));
		} else if (token.type === 'link_open') {
			const href = String(token.attrGet('href') ?? '');
			const problem = linkProblem(href) ?? (context.site ? sitePageProblem(href, context.site) : undefined);
			if (problem) env.problems.push(problemAt(env, blockLine, href, problem));
			if (href.startsWith('actor:')) {
				const id = href.slice('actor:'.length);
				if (!context.hasActor(id)) {
					env.problems.push(
						problemAt(env, blockLine, href, `actor link: expected an actor id from actors.yaml, found "${id}"`)
					);
				}
				token.attrSet('href', `/${context.moduleSlug}/people#${id}`);
				token.attrSet('class', 'actor');
				token.attrSet('data-actor', id);
			}
		}
	}
}

function labelBlock(tokens: Token[], index: number, env: BackchannelEnv, state: StateCore): void {
	const inline = tokens[index + 1];
	const first = inline?.children?.[0];
	if (!inline || inline.type !== 'inline' || !first || first.type !== 'text') return;
	const match = LABEL.exec(first.content);
	if (!match) return;
	const kind = match[1] as StatementKind;
	first.content = first.content.slice(match[0].length);
	const badge = new state.Token('statement_label', '', 0);
	badge.meta = { kind };
	inline.children?.unshift(badge);
	// A label at the start of a quote's first paragraph labels the whole quote.
	const opener = tokens[index - 1]?.type === 'blockquote_open' ? tokens[index - 1] : tokens[index];
	opener?.attrJoin('class', `statement statement-${kind}`);
	void env;
}

function coreRule(state: StateCore): void {
	// markdown-it types its env as an open record; ours is always the one passed to parse().
	const env = state.env as unknown as BackchannelEnv;
	const tokens = state.tokens;
	tokens.forEach((token, index) => {
		if (token.type === 'html_block') {
			env.problems.push({
				line: token.map?.[0] ?? 0,
				column: 0,
				message: `raw HTML is not allowed (write Markdown), found ${JSON.stringify(token.content.trim().slice(0, 40))}`
			});
		}
		if (token.type === 'paragraph_open') labelBlock(tokens, index, env, state);
		if (token.type === 'inline' && token.children) {
			processInline(token.children, token.map?.[0] ?? 0, env);
		}
	});
}

function createRenderer(): MarkdownIt {
	const md = markdownIt({ html: true, linkify: false, typographer: true });
	// markdown-it silently turns a link it deems unsafe into literal text; every link becomes a
	// token instead, so link-policy.ts refuses an unsafe one with its line.
	md.validateLink = () => true;
	md.inline.ruler.before('link', 'citation', citationRule);
	md.core.ruler.push('backchannel', coreRule);
	md.renderer.rules.citation = (tokens, index, _options, rendererEnv) => {
		const env = rendererEnv as unknown as BackchannelEnv;
		const { ids } = tokens[index]?.meta as { ids: string[] };
		const links = ids
			.filter((id) => env.context.sourceLabel(id) !== undefined)
			.map(
				(id) =>
					`<a href="${md.utils.escapeHtml(env.context.citationHref(id))}" data-source="${id}">${md.utils.escapeHtml(env.context.sourceLabel(id) ?? id)}</a>`
			);
		return `<span class="cite"><span class="visually-hidden">Source: </span>[${links.join('; ')}]</span>`;
	};
	md.renderer.rules.statement_label = (tokens, index) => {
		const kind = (tokens[index]?.meta as { kind: StatementKind }).kind;
		return `<span class="label label-${kind}">${STATEMENT_KIND_LABELS[kind]}</span> `;
	};
	return md;
}

const md = createRenderer();

export interface RenderedBlock {
	/** 0-based line of the block's start in the Markdown text. */
	line: number;
	tokens: Token[];
}

export interface ParsedMarkdown {
	tokens: Token[];
	problems: MarkdownProblem[];
	cited: string[];
	render(tokens: Token[]): string;
}

export function parseMarkdown(text: string, context: MarkdownContext): ParsedMarkdown {
	const env: BackchannelEnv = { context, problems: [], cited: [], lines: text.split('\n') };
	const tokens = md.parse(text, env);
	return {
		tokens,
		problems: env.problems,
		cited: env.cited,
		render: (part) => md.renderer.render(part, md.options, env)
	};
}

/** Renders a one-line text (a bio, a quiz prompt) without wrapping it in a paragraph. */
export function renderInlineMarkdown(
	text: string,
	context: MarkdownContext
): { html: string; problems: MarkdownProblem[]; cited: string[] } {
	const env: BackchannelEnv = { context, problems: [], cited: [], lines: text.split('\n') };
	// parseInline runs the core rules too, so citations and actor links are checked there.
	const tokens = md.parseInline(text, env);
	return { html: md.renderer.render(tokens, md.options, env), problems: env.problems, cited: env.cited };
}
