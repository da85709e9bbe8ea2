import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { responseFromForm } from '$lib/quiz/response-from-form';
import { publicQuestion } from '$lib/quiz/public-question';
import { requireStudent } from '$lib/server/classroom/access';
import { submitAnswer } from '$lib/server/classroom/answers';
import { assignedLessons } from '$lib/server/classroom/assigned-lessons';
import { MAX_TRIES } from '$lib/server/classroom/assignment-settings';
import { readForm } from '$lib/server/classroom/form';
import { studentLessonView } from '$lib/server/classroom/student-view';
import { repository } from '$lib/server/db';
import { reportScoreChange } from '$lib/server/lti/grade-passback';
import type { Actions, PageServerLoad } from './$types';

export const load = (async (event) => {
	const { params } = event;
	const { assignment, signedIn } = await requireStudent(params.id, event);
	const view = await studentLessonView(repository(), assignment, signedIn, params.lesson, Date.now());
	if (!view) error(404, `This assignment has no lesson "${params.lesson}".`);
	return { view };
}) satisfies PageServerLoad;

const NO_QUESTION = 'The form does not say which question it answers.';
const answerMeta = z.object({
	question: z.string({ error: NO_QUESTION }).min(1, { error: NO_QUESTION }).max(200, { error: NO_QUESTION }),
	try: z.coerce
		.number({ error: 'The form does not say which try this is.' })
		.int({ error: 'The form does not say which try this is.' })
		.min(1, { error: 'The form does not say which try this is.' })
		.max(MAX_TRIES, { error: `There are at most ${MAX_TRIES} tries.` })
});

export const actions = {
	answer: async (event) => {
		const { params, request } = event;
		const { assignment, signedIn } = await requireStudent(params.id, event);
		const data = await readForm(request);
		const meta = answerMeta.safeParse({ question: data.get('question'), try: data.get('try') });
		if (!meta.success) {
			const questionId = data.get('question');
			return fail(400, {
				questionId: typeof questionId === 'string' ? questionId : '',
				message: meta.error.issues[0]?.message ?? 'The form is incomplete.'
			});
		}
		const questionId = meta.data.question;
		const assigned = assignedLessons(assignment, signedIn.student.id);
		const entry = assigned.questions.find((candidate) => candidate.question.id === questionId);
		if (!entry) return fail(404, { questionId, message: `This assignment has no question "${questionId}".` });
		const reading = responseFromForm(publicQuestion(entry.question), data);
		if (!reading.ok) return fail(400, { questionId, message: `Your answer: ${reading.message}.` });

		const outcome = await submitAnswer(repository(), {
			assignment,
			student: signedIn.student,
			questionId,
			tryNumber: meta.data.try,
			response: reading.response,
			now: Date.now(),
			assigned
		});
		if (!outcome.ok) return fail(outcome.status, { questionId, message: outcome.message });
		// A learner from an LMS: their new score goes to its gradebook (queued durably, sent later).
		if (outcome.status === 'recorded')
			await reportScoreChange(assignment, signedIn.student.id, outcome.submission.submittedAt);
		// Committed before this returns: the acknowledgement means the answer is stored.
		return { questionId, acknowledged: outcome.status, tryNumber: outcome.submission.tryNumber };
	}
} satisfies Actions;
