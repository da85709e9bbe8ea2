/**
 * A parsed YAML text that can say where any of its values stands. The `yaml` library keeps source
 * ranges on every node; this wraps it so checks can locate a field path, including fields that
 * are missing (located at their parent) and YAML embedded in a Markdown file (shifted by its line).
 */
import { isCollection, isNode, isPair, isScalar, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { ContentError, FieldPath } from './content-error.ts';
import { fieldName } from './content-error.ts';

export interface ErrorPlace {
	/** Point at the field's key rather than its value (an unknown field is its key's fault). */
	key?: boolean;
	/** Point at this text within the field's value, where it occurs (a tag inside a prompt). */
	text?: string;
}

export interface YamlSource {
	data: unknown;
	/** The error at a field, located at the deepest part of its path that exists in the file. */
	errorAt(path: FieldPath, message: string, place?: ErrorPlace): ContentError;
}

export interface ParsedYaml {
	source?: YamlSource;
	errors: ContentError[];
}

/** 1-based numbers of the lines whose indentation holds a tab. */
function tabIndentedLines(text: string): number[] {
	return text.split('\n').flatMap((line, index) => (/^ *\t/.test(line) ? [index + 1] : []));
}

/**
 * The opening bracket of a flow collection that never closes. The parser only notices at the
 * next line that is not indented enough, a line after the author's mistake: point at the
 * bracket that is still open before `end` instead.
 */
function unclosedOpener(text: string, end: number, close: ']' | '}'): number | undefined {
	const open = close === ']' ? '[' : '{';
	let depth = 0;
	for (let at = end - 1; at >= 0; at--) {
		const char = text[at];
		if (char === close) depth++;
		else if (char === open && depth-- === 0) return at;
	}
	return undefined;
}

/** As the yaml library's default: lesson files have no reason to repeat a value more often. */
const MAX_ALIAS_COUNT = 100;

export function parseYaml(file: string, text: string, firstLine = 1): ParsedYaml {
	const lineCounter = new LineCounter();
	const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const position = (offset: number) => {
		const { line, col } = lineCounter.linePos(offset);
		return { line: line + firstLine - 1, column: col };
	};
	// A tab in a line's indentation derails the parser for the rest of its block, and its
	// follow-on errors say nothing of tabs: when there are syntax errors and tab-indented lines,
	// the tabs are the root cause reported.
	const tabLines = doc.errors.length > 0 ? tabIndentedLines(text) : [];
	const syntaxErrors =
		tabLines.length > 0
			? tabLines.map((line) => ({
					file,
					line: line + firstLine - 1,
					column: 1,
					field: '',
					message: 'YAML syntax: expected spaces for indentation, found a tab (YAML allows no tabs there)'
				}))
			: doc.errors.map((error) => {
					const message = error.message.split('\n')[0] ?? '';
					const close = /end with an? ([\]}])/.exec(message)?.[1] as ']' | '}' | undefined;
					const opener = close && unclosedOpener(text, error.pos[0], close);
					return {
						file,
						...position(opener ?? error.pos[0]),
						field: '',
						message:
							opener === undefined
								? `YAML syntax: ${message}`
								: `YAML syntax: expected this "${text[opener]}" to be closed by a "${close}", found none`
					};
				});
	if (syntaxErrors.length > 0) return { errors: syntaxErrors };

	let data: unknown;
	try {
		data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
	} catch (error) {
		// The yaml library refuses alias chains that expand exponentially ("billion laughs").
		if (!(error instanceof ReferenceError)) throw error;
		let firstAlias = 0;
		visit(doc, {
			Alias(_, node) {
				firstAlias = node.range?.[0] ?? 0;
				return visit.BREAK;
			}
		});
		return {
			errors: [
				{
					file,
					...position(firstAlias),
					field: '',
					message: `YAML aliases: expected aliases (*name) that expand to a reasonable size, found ones that expand beyond ${MAX_ALIAS_COUNT} copies; write the values out`
				}
			]
		};
	}

	const keyOffset = (path: FieldPath): number | undefined => {
		const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
		if (!isCollection(parent)) return undefined;
		const pair = parent.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === path.at(-1));
		return isPair(pair) && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
	};

	const textOffset = (path: FieldPath, needle: string): number | undefined => {
		const node = doc.getIn(path, true);
		if (!isNode(node) || !node.range) return undefined;
		const at = text.indexOf(needle, node.range[0]);
		return at >= 0 && at < node.range[1] ? at : undefined;
	};

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
			data,
			errorAt: (path, message, place = {}) => {
				const offset =
					(place.key ? keyOffset(path) : undefined) ??
					(place.text ? textOffset(path, place.text) : undefined) ??
					offsetOf(path);
				return { file, ...position(offset), field: fieldName(path), message };
			}
		}
	};
}
