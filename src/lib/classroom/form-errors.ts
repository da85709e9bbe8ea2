/**
 * How every classroom form reports bad input: one message per field (keyed by the field's `name`,
 * which is also its element id), shown next to the field and in a summary at the top of the form.
 * `''` holds a problem with the form as a whole.
 */
export type FieldErrors = Record<string, string>;

/** The id of a field's error message, for `aria-describedby`. */
export function errorId(field: string): string {
	return `${field}-error`;
}

export function describedBy(errors: FieldErrors | undefined, field: string, ...others: string[]): string | undefined {
	const ids = [...others, ...(errors?.[field] ? [errorId(field)] : [])];
	return ids.length > 0 ? ids.join(' ') : undefined;
}
