/**
 * A parsed YAML text that can say where any of its values stands. The `yaml` library keeps source
 * ranges on every node; this wraps it so checks can locate a field path, including fields that
 * are missing (located at their parent) and YAML embedded in a Markdown file (shifted by its line).
 */
import { isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { ContentError, FieldPath } from './content-error.ts';
import { fieldName } from './content-error.ts';

export interface YamlSource {
	data: unknown;
	/** The error at a field, located at the deepest part of its path that exists in the file. */
	errorAt(path: FieldPath, message: string): ContentError;
}

export interface ParsedYaml {
	source?: YamlSource;
	errors: ContentError[];
}

export function parseYaml(file: string, text: string, firstLine = 1): ParsedYaml {
	const lineCounter = new LineCounter();
	const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const position = (offset: number) => {
		const { line, col } = lineCounter.linePos(offset);
		return { line: line + firstLine - 1, column: col };
	};
	const syntaxErrors = [...doc.errors].map((error) => ({
		file,
		...position(error.pos[0]),
		field: '',
		message: `YAML syntax: ${error.message.split('\n')[0]}`
	}));
	if (syntaxErrors.length > 0) return { errors: syntaxErrors };

	const offsetOf = (path: FieldPath): number => {
		for (let depth = path.length; depth > 0; depth--) {
			const node = doc.getIn(path.slice(0, depth), true);
			if (isNode(node) && node.range) return node.range[0];
			// A key with an empty value has no value node: locate the key instead.
			const parent = depth > 1 ? doc.getIn(path.slice(0, depth - 1), true) : doc.contents;
			if (isCollection(parent)) {
				const pair = parent.items.find(
					(item) => isPair(item) && isScalar(item.key) && item.key.value === path[depth - 1]
				);
				if (isPair(pair) && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
			}
		}
		return doc.contents?.range?.[0] ?? 0;
	};

	return {
		errors: [],
		source: {
			data: doc.toJS(),
			errorAt: (path, message) => ({ file, ...position(offsetOf(path)), field: fieldName(path), message })
		}
	};
}
