/** The assignment form's lessons, limits and defaults, for /teach and the LMS's deep-linking form. */
import type { AssignmentFormData } from '$lib/classroom/assignment-form';
import { hasHeldBackItems, heldBackSlots } from '$lib/server/assessment/bank';
import { passMarkToPercent } from '$lib/pass-mark';
import { getCourse } from '$lib/server/course';
import { DEFAULT_PASS_MARK, DEFAULT_TRIES, MAX_TITLE_LENGTH, MAX_TRIES } from './assignment-settings.ts';

export function assignmentFormData(): AssignmentFormData {
	return {
		modules: getCourse().modules.map((module) => ({
			slug: module.slug,
			title: module.title,
			// Counts only: the held-back items themselves never leave the server here.
			assessable: hasHeldBackItems(
				module.slug,
				module.lessons.map((lesson) => lesson.slug)
			),
			lessons: module.lessons.map((lesson) => ({
				slug: lesson.slug,
				title: lesson.title,
				questions: lesson.quiz.questions.length,
				heldBack: heldBackSlots(module.slug, lesson.slug).length
			}))
		})),
		limits: { maxTries: MAX_TRIES, maxTitle: MAX_TITLE_LENGTH },
		defaults: { passMark: passMarkToPercent(DEFAULT_PASS_MARK), tries: DEFAULT_TRIES }
	};
}
