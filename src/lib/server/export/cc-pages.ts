/**
 * The lessons as plain web pages for a Common Cartridge: title, objectives, sections and the
 * sources cited, with no script (an LMS shows them as course pages). Links to another lesson
 * point at its page in the cartridge; links to the site's other pages (people, map, timeline)
 * have no target in a cartridge and become plain text.
 */
import type { Lesson, Module } from '../../model/course.ts';

const escapeHtml = (text: string): string =>
	text.replace(
		/[&<>"]/g,
		(character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character
	);

export const lessonPagePath = (lesson: Pick<Lesson, 'slug'>): string => `lessons/${lesson.slug}.html`;

/**
 * Our Markdown renderer writes every in-site link as `<a href="/module/page#id" ...>text</a>`
 * (see content/markdown.ts); nothing else in lesson HTML starts with `href="/`.
 */
function localLinks(html: string, module: Module): string {
	const lessons = new Set(module.lessons.map((lesson) => lesson.slug));
	return html.replace(/<a href="\/([^"]*)"[^>]*>(.*?)<\/a>/g, (whole, path: string, text: string) => {
		const [page = '', anchor] = path.replace(`${module.slug}/`, '').split('#');
		if (lessons.has(page)) return `<a href="${page}.html${anchor ? `#${anchor}` : ''}">${text}</a>`;
		return `<span>${text}</span>`;
	});
}

export function lessonPage(module: Module, lesson: Lesson): string {
	const cited = lesson.cited
		.map((id) => module.sources.find((source) => source.id === id))
		.filter((source) => source !== undefined);
	const sources = cited.map((source) => {
		const title = source.url
			? `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>`
			: escapeHtml(source.title);
		return `<li id="source-${source.id}">${escapeHtml(source.outlet)}: ${title}${source.date ? ` (${source.date})` : ''}</li>`;
	});
	const sections = lesson.sections.map(
		(section) =>
			`<section id="${section.id}">\n<h2>${escapeHtml(section.title)}</h2>\n${localLinks(section.html, module)}\n</section>`
	);
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(lesson.title)} · ${escapeHtml(module.title)}</title>
<style>body{font:1.05rem/1.6 system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}blockquote{border-left:4px solid #888;margin-left:0;padding-left:1rem}</style>
</head>
<body>
<main>
<h1>${escapeHtml(lesson.title)}</h1>
<p>${escapeHtml(lesson.summary)}</p>
<h2>In this lesson you will</h2>
<ul>${lesson.objectives.map((objective) => `<li>${escapeHtml(objective)}</li>`).join('')}</ul>
${sections.join('\n')}
<h2>Sources cited in this lesson</h2>
<ul>${sources.join('\n')}</ul>
</main>
</body>
</html>
`;
}
