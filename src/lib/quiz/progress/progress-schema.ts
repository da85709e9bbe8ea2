/**
 * The stored and exported progress formats, checked with zod (zod/mini: small enough to ship).
 * Anything read back from storage or from an imported file goes through here before the quiz
 * trusts it; a problem is reported as `path: what was expected, what was found`.
 */
import * as z from 'zod/mini';
import { PROGRESS_VERSION, type ProgressRecord } from './progress-record.ts';

export const id = z.string().check(z.minLength(1), z.maxLength(200));
/** A score or a pass mark: 0 to 1 (a stored 5 would show as 500%). */
export const share = z.number().check(z.minimum(0), z.maximum(1));
export const count = z.int().check(z.minimum(0));
const isoDate = z.string().check(z.maxLength(40));

export const progressSchema = z.object({
	version: z.literal(PROGRESS_VERSION),
	module: id,
	seed: z.int().check(z.minimum(0), z.maximum(0xffff_ffff)),
	updatedAt: isoDate,
	lessons: z.record(
		id,
		z.object({
			attempts: z.array(z.object({ at: isoDate, score: share, passed: z.boolean(), round: z.enum(['all', 'missed']) })),
			best: share,
			mastered: z.boolean()
		})
	),
	review: z.record(id, z.object({ lesson: id, addedAt: isoDate, streak: count })),
	// Opaque here: a damaged quiz in progress must not cost the learner the whole record. The quiz
	// checks its own session against its machine when it opens it (session-schema.ts), and sets
	// aside only that one.
	sessions: z.record(id, z.unknown())
});

export const EXPORT_FORMAT = 'backchannel-progress';

export const exportFileSchema = z.object({
	format: z.literal(EXPORT_FORMAT),
	version: z.literal(PROGRESS_VERSION),
	exportedAt: isoDate,
	module: id,
	progress: progressSchema
});

export interface ExportFile {
	format: typeof EXPORT_FORMAT;
	version: typeof PROGRESS_VERSION;
	exportedAt: string;
	module: string;
	progress: ProgressRecord;
}

// Fails to compile if the schema and the record type drift apart.
export const schemaMatchesRecord: z.infer<typeof progressSchema> extends ProgressRecord ? true : false = true;

function located(path: readonly PropertyKey[]): string {
	return (
		path
			.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
			.join('') || '(the whole file)'
	);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	return path.reduce<unknown>(
		(value, key) =>
			value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined,
		root
	);
}

function shown(value: unknown): string {
	if (value === undefined) return 'nothing';
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** The first problem, as `path: expected ..., found ...`. */
export function describeProblem(error: z.core.$ZodError, input: unknown): string {
	const issue = error.issues[0];
	if (!issue) return 'the file does not have the expected shape';
	const found = shown(valueAt(input, issue.path));
	let expected: string;
	switch (issue.code) {
		case 'invalid_type':
			expected = `expected ${issue.expected}`;
			break;
		case 'invalid_value':
			expected = `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
			break;
		case 'too_small':
			expected = `expected at least ${String(issue.minimum)}`;
			break;
		case 'too_big':
			expected = `expected at most ${String(issue.maximum)}`;
			break;
		case 'invalid_union':
			expected = 'expected an answer of a known type';
			break;
		default:
			expected = 'unexpected value';
	}
	return `${located(issue.path)}: ${expected}, found ${found}`;
}
