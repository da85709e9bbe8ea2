/** Turns a zod failure into the first message per field, the shape every classroom form shows. */
import { error } from '@sveltejs/kit';
import type { z } from 'zod';
import type { FieldErrors } from '$lib/classroom/form-errors';

export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = issue.path.length > 0 ? String(issue.path[0]) : '';
		errors[field] ??= issue.message;
	}
	return errors;
}

/** A text field's value, or `undefined` when it is missing or a file. */
export function textField(data: FormData, name: string): string | undefined {
	const value = data.get(name);
	return typeof value === 'string' ? value : undefined;
}

/** The request's form, or a clear 400 when its body is not a readable form (a broken multipart body). */
export async function readForm(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch {
		error(400, 'The form could not be read: send it as application/x-www-form-urlencoded or multipart/form-data.');
	}
}
