/**
 * The teacher's assignment form, validated: title, lessons (of one module), optional due date,
 * pass mark, tries per question and when answers are revealed. Also the reopen form's due date.
 * Teachers type the pass mark as a whole percentage (80); the settings carry it as the share every
 * score is compared with (0.8).
 */
import { z } from 'zod';
import type { AssignmentFormValues } from '$lib/classroom/assignment-form';
import type { FieldErrors } from '$lib/classroom/form-errors';
import type { Course } from '$lib/model/course';
import { passMarkFromPercent, type PassMark } from '$lib/pass-mark';
import type { AssignmentMode, RevealPolicy } from '$lib/server/db';
import { hasHeldBackItems } from '$lib/server/assessment/bank';
import { parseDueDate } from './due-date.ts';
import { fieldErrors } from './form.ts';

export type { AssignmentFormValues };

export const REVEAL_POLICIES = ['immediate', 'after-due'] as const satisfies readonly RevealPolicy[];
export const ASSIGNMENT_MODES = ['assessed', 'practice'] as const satisfies readonly AssignmentMode[];
export const MAX_TRIES = 5;
export const MAX_TITLE_LENGTH = 120;
export const DEFAULT_PASS_MARK: PassMark = 0.8;
export const DEFAULT_TRIES = 2;

export interface AssignmentSettings {
	title: string;
	moduleSlug: string;
	lessons: string[];
	dueAt: number | null;
	passMark: PassMark;
	tries: number;
	reveal: RevealPolicy;
	mode: AssignmentMode;
}

export type SettingsReading =
	{ ok: true; settings: AssignmentSettings } | { ok: false; errors: FieldErrors; values: AssignmentFormValues };

function wholeNumber(label: string, min: number, max: number) {
	return z
		.string()
		.trim()
		.regex(/^\d+$/, { error: `${label}: enter a whole number from ${min} to ${max}.` })
		.transform(Number)
		.pipe(
			z
				.number()
				.min(min, { error: `${label}: enter a whole number from ${min} to ${max}.` })
				.max(max, { error: `${label}: enter a whole number from ${min} to ${max}.` })
		);
}

const offset = z
	.string()
	.trim()
	.transform((value) => (value === '' ? 0 : Number(value)))
	.pipe(
		z
			.number()
			.int()
			.min(-14 * 60)
			.max(14 * 60)
	);

function dueField(now: number) {
	return z.object({ due: z.string().max(40), tzOffset: offset }).transform(({ due, tzOffset }, context) => {
		if (due.trim() === '') return null;
		const dueAt = parseDueDate(due, tzOffset);
		if (dueAt === undefined) {
			context.addIssue({
				code: 'custom',
				path: ['due'],
				message: 'Due date: enter a date and time, such as 2026-03-01 17:00.'
			});
			return z.NEVER;
		}
		if (dueAt <= now) {
			context.addIssue({ code: 'custom', path: ['due'], message: 'Due date: choose a time in the future.' });
			return z.NEVER;
		}
		return dueAt;
	});
}

function settingsSchema(course: Course, now: number) {
	return z
		.object({
			title: z
				.string()
				.trim()
				.min(1, { error: 'Title: give the assignment a title your students will recognise.' })
				.max(MAX_TITLE_LENGTH, { error: `Title: keep it under ${MAX_TITLE_LENGTH} characters.` }),
			lessons: z.array(z.string().max(200)).min(1, { error: 'Lessons: choose at least one lesson.' }).max(100),
			passMark: wholeNumber('Pass mark', 0, 100).transform(passMarkFromPercent),
			tries: wholeNumber('Tries per question', 1, MAX_TRIES),
			reveal: z.enum(REVEAL_POLICIES, { error: 'Answers revealed: choose immediately or after the due date.' }),
			// Left out (an older form), it is assessed wherever the lessons have held-back items.
			mode: z.union([z.literal(''), z.enum(ASSIGNMENT_MODES)], {
				error: 'Questions: choose assessed or practice.'
			}),
			schedule: dueField(now)
		})
		.transform(({ schedule, lessons, ...rest }, context) => {
			// Lessons arrive as `module/lesson`: one fieldset of checkboxes per module.
			const picked = [...new Set(lessons)].map((value) => value.split('/'));
			const moduleSlugs = new Set(picked.map(([moduleSlug]) => moduleSlug));
			const moduleSlug = [...moduleSlugs][0] ?? '';
			const module = course.modules.find((candidate) => candidate.slug === moduleSlug);
			if (moduleSlugs.size > 1 || !module) {
				context.addIssue({
					code: 'custom',
					path: ['lessons'],
					message: module ? 'Lessons: choose lessons from one module only.' : 'Lessons: choose lessons from the list.'
				});
				return z.NEVER;
			}
			const known = new Set(module.lessons.map((lesson) => lesson.slug));
			const slugs = picked.map(([, slug]) => slug ?? '');
			if (picked.some((parts) => parts.length !== 2) || slugs.some((slug) => !known.has(slug))) {
				context.addIssue({ code: 'custom', path: ['lessons'], message: 'Lessons: choose lessons from the list.' });
				return z.NEVER;
			}
			if (rest.reveal === 'after-due' && schedule === null) {
				context.addIssue({
					code: 'custom',
					path: ['due'],
					message: 'Due date: answers revealed after the due date need a due date.'
				});
				return z.NEVER;
			}
			// Keep the module's order, whatever order the boxes arrived in.
			const ordered = module.lessons.map((lesson) => lesson.slug).filter((slug) => slugs.includes(slug));
			const assessable = hasHeldBackItems(moduleSlug, ordered);
			const mode = rest.mode || (assessable ? 'assessed' : 'practice');
			if (mode === 'assessed' && !assessable) {
				context.addIssue({
					code: 'custom',
					path: ['mode'],
					message:
						'Questions: some chosen lessons have no held-back assessment items; choose practice, or only lessons that have them.'
				});
				return z.NEVER;
			}
			return { ...rest, mode, moduleSlug, lessons: ordered, dueAt: schedule } satisfies AssignmentSettings;
		});
}

function formValues(data: FormData): AssignmentFormValues {
	const text = (name: string) => {
		const value = data.get(name);
		return typeof value === 'string' ? value : '';
	};
	return {
		title: text('title'),
		lessons: data.getAll('lessons').filter((value): value is string => typeof value === 'string'),
		due: text('due'),
		passMark: text('passMark'),
		tries: text('tries'),
		reveal: text('reveal'),
		mode: text('mode')
	};
}

export function readAssignmentSettings(data: FormData, course: Course, now: number): SettingsReading {
	const values = formValues(data);
	const tzOffset = data.get('tzOffset');
	const result = settingsSchema(course, now).safeParse({
		...values,
		schedule: { due: values.due, tzOffset: typeof tzOffset === 'string' ? tzOffset : '' }
	});
	if (result.success) return { ok: true, settings: result.data };
	// Issues inside `schedule` belong to the due field.
	const errors = fieldErrors(result.error);
	if (errors.schedule) {
		errors.due ??= errors.schedule.startsWith('Due date')
			? errors.schedule
			: 'Due date: enter a date and time, such as 2026-03-01 17:00.';
		delete errors.schedule;
	}
	return { ok: false, errors, values };
}

/** The reopen form: an optional new due date, which must be in the future. */
export function readNewDueDate(
	data: FormData,
	now: number
): { ok: true; dueAt: number | null } | { ok: false; errors: FieldErrors } {
	const due = data.get('due');
	const tzOffset = data.get('tzOffset');
	const result = dueField(now).safeParse({
		due: typeof due === 'string' ? due : '',
		tzOffset: typeof tzOffset === 'string' ? tzOffset : ''
	});
	if (result.success) return { ok: true, dueAt: result.data };
	const errors = fieldErrors(result.error);
	return { ok: false, errors: { due: errors.due ?? 'Due date: enter a date and time, such as 2026-03-01 17:00.' } };
}
