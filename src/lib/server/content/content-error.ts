/**
 * One problem in a lesson file, located to the character: every parser and check reports through
 * this type, so authors always read `file:line:column field: what was expected, what was found`.
 */
export interface ContentError {
	file: string;
	line: number;
	column: number;
	/** The field at fault as a readable path (`quiz.questions[3].answer`), or '' for the file. */
	field: string;
	message: string;
}

export function formatContentError(error: ContentError): string {
	const where = `${error.file}:${error.line}:${error.column}`;
	return error.field ? `${where} ${error.field}: ${error.message}` : `${where} ${error.message}`;
}

export function formatContentErrors(errors: readonly ContentError[]): string {
	const noun = errors.length === 1 ? 'problem' : 'problems';
	return [`${errors.length} ${noun} in the lesson files:`, ...errors.map(formatContentError)].join('\n');
}

const LESSON_FILES_HEADLINE = /^\d+ problems? in the lesson files:\n/;

/** Whether an error is the loader's report on bad lesson files (thrown by the Vite plugin). */
export function isLessonFilesError(error: unknown): error is Error {
	return error instanceof Error && LESSON_FILES_HEADLINE.test(error.message);
}

export type FieldPath = readonly (string | number)[];

export function fieldName(path: FieldPath): string {
	return path.reduce<string>(
		(name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : String(key)),
		''
	);
}

/** Shows a found value briefly, as the second half of "expected X, found Y". */
export function describeFound(value: unknown): string {
	if (value === undefined) return 'nothing';
	if (value === null) return 'an empty value';
	if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (typeof value === 'object') return 'a mapping';
	return String(value);
}
