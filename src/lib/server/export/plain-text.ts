/**
 * Lesson HTML as plain text, for formats that show text only (GIFT, QTI material, SCORM
 * interaction descriptions). The HTML comes from our own Markdown renderer, so it is well formed
 * and uses a handful of entities; screen-reader-only labels ("Source: ") are dropped because they
 * only make sense next to the visual citation brackets.
 */
import { XMLParser } from 'fast-xml-parser';

const parser = new XMLParser({
	ignoreAttributes: false,
	preserveOrder: true,
	processEntities: true,
	htmlEntities: true,
	trimValues: false
});

type Node = Record<string, unknown>;

function textOf(nodes: Node[]): string {
	let text = '';
	for (const node of nodes) {
		if (typeof node['#text'] === 'string' || typeof node['#text'] === 'number') {
			text += String(node['#text']);
			continue;
		}
		const attributes = node[':@'] as Record<string, string> | undefined;
		if (attributes?.['@_class']?.split(' ').includes('visually-hidden')) continue;
		for (const [name, children] of Object.entries(node)) {
			if (name === ':@' || !Array.isArray(children)) continue;
			text += textOf(children as Node[]);
		}
	}
	return text;
}

export function plainText(html: string): string {
	const parsed = parser.parse(`<root>${html}</root>`) as Node[];
	return textOf(parsed).replace(/\s+/g, ' ').trim();
}
