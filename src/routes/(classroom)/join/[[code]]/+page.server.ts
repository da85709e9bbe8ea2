import { fail, redirect } from '@sveltejs/kit';
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import { readForm, textField } from '$lib/server/classroom/form';
import { joinLimiter, TOO_MANY_JOINS } from '$lib/server/classroom/join-limit';
import { addressBucket, guessThrottle } from '$lib/server/classroom/rate-limit';
import { requestIsHttps } from '$lib/server/http/same-origin';
import {
	displayNameSchema,
	findJoinable,
	findStudentByResumeCode,
	joinAssignment,
	MAX_NAME_LENGTH,
	signIn,
	type JoinableCheck
} from '$lib/server/classroom/students';
import { repository } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

/** HTTP status for each way a join code can be refused. */
const REFUSAL_STATUS = { malformed: 400, unknown: 404, closed: 403, 'past-due': 410 } as const;

/**
 * Checks a join code the way a guess is checked: slowed first if the address has been guessing
 * (join codes are short), and every refusal, closed assignments included, counted as a failure.
 */
async function checkJoinCode(code: string, clientAddress: string, now: number): Promise<JoinableCheck> {
	const buckets = [addressBucket(clientAddress)];
	await guessThrottle.slowDown(buckets);
	const check = await findJoinable(repository(), code, now);
	if (!check.ok) await guessThrottle.recordFailure(buckets);
	return check;
}

export const load = (async ({ params, getClientAddress }) => {
	const base = { code: params.code ?? '', maxName: MAX_NAME_LENGTH };
	if (!params.code) return { ...base, joinable: null, problem: null };
	const check = await checkJoinCode(params.code, getClientAddress(), Date.now());
	if (check.ok) {
		const { lessons } = assignedLessons(check.assignment, null);
		return {
			...base,
			code: check.assignment.joinCode,
			joinable: { title: check.assignment.title, lessons: lessons.map((lesson) => lesson.title) },
			problem: null
		};
	}
	return { ...base, joinable: null, problem: check.message };
}) satisfies PageServerLoad;

export const actions = {
	join: async ({ request, cookies, url, getClientAddress }) => {
		const data = await readForm(request);
		const values = { code: textField(data, 'code') ?? '', name: textField(data, 'name') ?? '' };
		const clientAddress = getClientAddress();
		const now = Date.now();
		const name = displayNameSchema.safeParse(values.name);
		const check = await checkJoinCode(values.code, clientAddress, now);
		if (!check.ok || !name.success) {
			const errors: Record<string, string> = {};
			if (!check.ok) errors.code = check.message;
			if (!name.success) errors.name = name.error.issues[0]?.message ?? 'Name: enter your name.';
			return fail(check.ok ? 400 : REFUSAL_STATUS[check.reason], { form: 'join' as const, values, errors });
		}
		if (!(await joinLimiter.allows(check.assignment.id, clientAddress, now))) {
			return fail(429, { form: 'join' as const, values, errors: { code: TOO_MANY_JOINS } });
		}
		await joinLimiter.recordJoin(check.assignment.id, clientAddress, now);
		const joined = await joinAssignment(repository(), check.assignment, name.data, now);
		await signIn(repository(), cookies, requestIsHttps(request, url), joined, now);
		redirect(303, `/class/${check.assignment.id}?joined`);
	},
	resume: async ({ request, cookies, url, getClientAddress }) => {
		const data = await readForm(request);
		const code = textField(data, 'resumeCode') ?? '';
		const found = await findStudentByResumeCode(repository(), code);
		if (!found) {
			// A right code is let in at once (59 bits make guessing hopeless); a wrong one waits.
			await guessThrottle.failed([addressBucket(getClientAddress())]);
			return fail(404, {
				form: 'resume' as const,
				errors: {
					resumeCode: 'Resume code: no student has this code. It has 12 letters and digits, as shown when you joined.'
				}
			});
		}
		await signIn(repository(), cookies, requestIsHttps(request, url), found, Date.now());
		redirect(303, `/class/${found.student.assignmentId}`);
	}
} satisfies Actions;
