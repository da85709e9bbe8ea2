/**
 * The shape of a `Response`, for input that TypeScript cannot vouch for: a request body in the
 * classroom, a stored or imported progress record. zod/mini keeps it small enough for the browser.
 * Whether the ids are ones the question offers is the grader's call, not the schema's.
 */
import * as z from 'zod/mini';
import { STATEMENT_KINDS } from '../model/course.ts';
import type { Response } from './grade.ts';

const id = z.string().check(z.maxLength(200));
const kinds = z.enum(STATEMENT_KINDS);

export const responseSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('single'), choice: id }),
	z.strictObject({ type: z.literal('multiple'), choices: z.array(id).check(z.maxLength(100)) }),
	z.strictObject({ type: z.literal('truefalse'), value: z.boolean() }),
	z.strictObject({ type: z.literal('ordering'), order: z.array(id).check(z.maxLength(100)) }),
	z.strictObject({ type: z.literal('matching'), matches: z.record(id, id) }),
	z.strictObject({ type: z.literal('classification'), kinds: z.record(id, kinds) }),
	z.strictObject({ type: z.literal('map'), actor: id })
]);

// Fails to compile if the schema and the `Response` type ever disagree.
type SchemaResponse = z.infer<typeof responseSchema>;
export const schemaMatchesResponse: [SchemaResponse] extends [Response]
	? [Response] extends [SchemaResponse]
		? true
		: false
	: false = true;
