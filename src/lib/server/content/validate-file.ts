/**
 * Validates parsed data against a zod schema and turns every issue into a located ContentError
 * worded as "expected X, found Y", so authors never read zod's internal vocabulary.
 */
import type { z } from 'zod';
import { describeFound, type ContentError } from './content-error.ts';
import type { YamlSource } from './yaml-source.ts';

const TYPE_NAMES: Record<string, string> = {
	string: 'a text',
	number: 'a number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping of fields'
};

type Issue = z.core.$ZodIssue & { input?: unknown };

function describeIssue(issue: Issue): string {
	const found = describeFound(issue.input);
	switch (issue.code) {
		case 'invalid_type':
			if (issue.input === undefined) {
				return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, found nothing (the field is required)`;
			}
			return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, found ${found}`;
		case 'invalid_value':
			return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, found ${found}`;
		case 'invalid_union':
			if ('discriminator' in issue && issue.discriminator) {
				const options = (issue as { options?: unknown[] }).options ?? [];
				return `expected one of ${options.map((value) => JSON.stringify(value)).join(', ')}, found ${describeFound((issue.input as Record<string, unknown> | undefined)?.[issue.discriminator])}`;
			}
			return `expected ${issue.message}, found ${found}`;
		case 'too_small':
			if (issue.origin === 'array') {
				return `expected at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}, found ${Array.isArray(issue.input) ? issue.input.length : found}`;
			}
			if (issue.origin === 'string') {
				// A longer minimum carries its own wording in the schema ("a written reason of ...").
				return issue.minimum === 1
					? `expected a non-empty text, found ${found}`
					: `expected ${issue.message}, found ${found}`;
			}
			return `expected at least ${String(issue.minimum)}, found ${found}`;
		case 'too_big':
			return `expected at most ${String(issue.maximum)}, found ${found}`;
		default:
			return `expected ${issue.message}, found ${found}`;
	}
}

export function validateFile<S extends z.ZodType>(
	schema: S,
	source: YamlSource
): { value?: z.output<S>; errors: ContentError[] } {
	const result = schema.safeParse(source.data, { reportInput: true });
	if (result.success) return { value: result.data, errors: [] };
	const errors = result.error.issues.flatMap((issue: Issue): ContentError[] => {
		const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
		if (issue.code === 'unrecognized_keys') {
			return issue.keys.map((key) =>
				source.errorAt([...path, key], 'unknown field (see lessons/README.md for the fields allowed here)', {
					key: true
				})
			);
		}
		// zod reports a bad discriminator at the parent; locate it at the `type` field itself.
		const located =
			issue.code === 'invalid_union' &&
			'discriminator' in issue &&
			issue.discriminator &&
			path.at(-1) !== issue.discriminator
				? [...path, issue.discriminator]
				: path;
		return [source.errorAt(located, describeIssue(issue))];
	});
	return { errors };
}
