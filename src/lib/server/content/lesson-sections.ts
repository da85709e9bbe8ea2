/**
 * Splits a lesson's Markdown body into sections at its level-2 headings, which must carry an id
 * (`## The calls {#the-calls}`). The heading itself is rendered by the page, so a section's HTML is
 * only what follows it.
 */
import type { Section } from '../../model/course.ts';
import type { MarkdownProblem, ParsedMarkdown } from './markdown.ts';

const HEADING_ID = /\s*\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}\s*$/;
/** Ids the lesson page itself uses; a section taking one would break its links. */
const RESERVED_ID = /^(main|quiz|toc-heading|lesson-sources-heading)$|^(source|q|actor)-/;

export interface SectionSplit {
	sections: (Section & { line: number })[];
	problems: MarkdownProblem[];
}

export function splitSections(parsed: ParsedMarkdown): SectionSplit {
	const { tokens } = parsed;
	const problems: MarkdownProblem[] = [];
	const sections: SectionSplit['sections'] = [];
	const starts: number[] = [];

	tokens.forEach((token, index) => {
		if (token.type !== 'heading_open') return;
		const line = token.map?.[0] ?? 0;
		if (token.tag === 'h1') {
			problems.push({
				line,
				column: 0,
				message: 'expected "## " section headings (the lesson title is the page heading), found a level-1 heading'
			});
			return;
		}
		if (token.tag !== 'h2') return;
		const inline = tokens[index + 1];
		const text = inline?.content ?? '';
		const match = HEADING_ID.exec(text);
		if (!match?.[1]) {
			problems.push({
				line,
				column: 0,
				message: `section heading: expected an id at its end, as "## ${text} {#some-id}", found none`
			});
			return;
		}
		const id = match[1];
		if (RESERVED_ID.test(id)) {
			problems.push({
				line,
				column: 0,
				message: `section heading: expected an id the lesson page does not use itself (not main, quiz, or one starting source-, q- or actor-), found "${id}"`
			});
		}
		if (sections.some((section) => section.id === id)) {
			problems.push({ line, column: 0, message: `section heading: expected a unique section id, found "${id}" twice` });
		}
		// Headings are plain text: the page renders the title, without its `{#id}`.
		const title = text.replace(HEADING_ID, '');
		starts.push(index);
		sections.push({ id, title, html: '', line });
	});

	const firstStart = starts[0] ?? tokens.length;
	const before = tokens.slice(0, firstStart);
	if (before.length > 0) {
		problems.push({
			line: before[0]?.map?.[0] ?? 0,
			column: 0,
			message: 'expected the body to start with a "## Title {#id}" section heading, found text before it'
		});
	}
	if (starts.length === 0 && before.length === 0) {
		problems.push({
			line: 0,
			column: 0,
			message: 'expected at least one "## Title {#id}" section, found an empty body'
		});
	}

	sections.forEach((section, n) => {
		const start = (starts[n] ?? 0) + 3; // heading_open, inline, heading_close
		const end = starts[n + 1] ?? tokens.length;
		section.html = parsed.render(tokens.slice(start, end));
	});
	return { sections, problems };
}
