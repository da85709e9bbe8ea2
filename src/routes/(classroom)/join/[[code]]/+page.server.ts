import { fail, redirect } from '@sveltejs/kit';
import { assertNotBlocked, tooManyGuessesMessage } from '$lib/server/classroom/access';
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import { readForm, textField } from '$lib/server/classroom/form';
import { guessLimiter } from '$lib/server/classroom/rate-limit';
import { requestIsHttps } from '$lib/server/classroom/same-origin';
import {
	displayNameSchema,
	findJoinable,
	findStudentByResumeCode,
	joinAssignment,
	MAX_NAME_LENGTH,
	signIn
} from '$lib/server/classroom/students';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** HTTP status for each way a join code can be refused. */
const REFUSAL_STATUS = { malformed: 400, unknown: 404, closed: 403, 'past-due': 410 } as const;

export const load = (async ({ params, getClientAddress }) => {
	const base = { code: params.code ?? '', maxName: MAX_NAME_LENGTH };
	if (!params.code) return { ...base, joinable: null, problem: null };
	const clientAddress = getClientAddress();
	assertNotBlocked(clientAddress);
	const check = await findJoinable(repository(), params.code, Date.now());
	if (check.ok) {
		const { lessons } = assignedLessons(check.assignment, null);
		return {
			...base,
			code: check.assignment.joinCode,
			joinable: { title: check.assignment.title, lessons: lessons.map((lesson) => lesson.title) },
			problem: null
		};
	}
	if (check.reason === 'malformed' || check.reason === 'unknown') guessLimiter.recordFailure(clientAddress);
	return { ...base, joinable: null, problem: check.message };
}) satisfies PageServerLoad;

export const actions = {
	join: async ({ request, cookies, url, getClientAddress }) => {
		const data = await readForm(request);
		const values = { code: textField(data, 'code') ?? '', name: textField(data, 'name') ?? '' };
		const clientAddress = getClientAddress();
		const verdict = guessLimiter.check(clientAddress);
		if (!verdict.allowed)
			return fail(429, { form: 'join' as const, values, errors: { code: tooManyGuessesMessage(verdict) } });

		const now = Date.now();
		const name = displayNameSchema.safeParse(values.name);
		const check = await findJoinable(repository(), values.code, now);
		if (!check.ok && (check.reason === 'malformed' || check.reason === 'unknown'))
			guessLimiter.recordFailure(clientAddress);
		if (!check.ok || !name.success) {
			const errors: Record<string, string> = {};
			if (!check.ok) errors.code = check.message;
			if (!name.success) errors.name = name.error.issues[0]?.message ?? 'Name: enter your name.';
			return fail(check.ok ? 400 : REFUSAL_STATUS[check.reason], { form: 'join' as const, values, errors });
		}
		const { resumeCode } = await joinAssignment(repository(), check.assignment, name.data, now);
		signIn(cookies, requestIsHttps(request, url), check.assignment.id, resumeCode);
		redirect(303, `/class/${check.assignment.id}?joined`);
	},
	resume: async ({ request, cookies, url, getClientAddress }) => {
		const data = await readForm(request);
		const clientAddress = getClientAddress();
		const verdict = guessLimiter.check(clientAddress);
		if (!verdict.allowed)
			return fail(429, { form: 'resume' as const, errors: { resumeCode: tooManyGuessesMessage(verdict) } });
		const code = textField(data, 'resumeCode') ?? '';
		const found = await findStudentByResumeCode(repository(), code);
		if (!found) {
			guessLimiter.recordFailure(clientAddress);
			return fail(404, {
				form: 'resume' as const,
				errors: {
					resumeCode: 'Resume code: no student has this code. It has 12 letters and digits, as shown when you joined.'
				}
			});
		}
		signIn(cookies, requestIsHttps(request, url), found.student.assignmentId, found.resumeCode);
		redirect(303, `/class/${found.student.assignmentId}`);
	}
} satisfies Actions;
