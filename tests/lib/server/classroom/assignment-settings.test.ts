/** Reading the teacher's assignment form, against the every-type fixture module's two lessons. */
import { describe, expect, it, vi } from 'vitest';
import { readAssignmentSettings, readNewDueDate } from '$lib/server/classroom/assignment-settings';
import { getCourse, getModule } from '$lib/server/course';

// The form is read against the lessons plugin's course and bank: serve the fixture's instead.
vi.mock('virtual:backchannel/course', async () => {
	const { EVERY_TYPE_LESSONS, fixtureCourse } = await import('../../../fixtures/fixture-course');
	return { course: (await fixtureCourse(EVERY_TYPE_LESSONS)).course };
});
vi.mock('virtual:backchannel/assessment', async () => {
	const { EVERY_TYPE_LESSONS, fixtureCourse } = await import('../../../fixtures/fixture-course');
	return { assessment: (await fixtureCourse(EVERY_TYPE_LESSONS)).assessment };
});

const course = getCourse();
const module = getModule('every-type');
const [first, second] = module.lessons.map((lesson) => `${module.slug}/${lesson.slug}`);
const NOW = Date.UTC(2026, 0, 10, 12, 0);

function form(fields: Record<string, string | string[]>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) data.append(name, item);
	return data;
}

const valid = {
	title: '  Year 11 history ',
	lessons: [second ?? '', first ?? ''],
	due: '',
	passMark: '70',
	tries: '3',
	reveal: 'immediate',
	mode: 'practice'
};

describe('readAssignmentSettings', () => {
	it('reads a complete form, trimming the title and keeping the module’s lesson order', () => {
		expect(readAssignmentSettings(form(valid), course, NOW)).toEqual({
			ok: true,
			settings: {
				title: 'Year 11 history',
				moduleSlug: module.slug,
				lessons: module.lessons.slice(0, 2).map((lesson) => lesson.slug),
				dueAt: null,
				passMark: 0.7,
				tries: 3,
				reveal: 'immediate',
				mode: 'practice'
			}
		});
	});

	it('reads the due date in the browser’s time zone', () => {
		const reading = readAssignmentSettings(
			form({ ...valid, due: '2026-02-01T09:30', tzOffset: '-60', reveal: 'after-due' }),
			course,
			NOW
		);
		expect(reading.ok && reading.settings).toMatchObject({ dueAt: Date.UTC(2026, 1, 1, 8, 30), reveal: 'after-due' });
	});

	it.each([
		['title', { title: '   ' }, /^Title: give the assignment a title/],
		['title', { title: 'x'.repeat(121) }, /^Title: keep it under 120/],
		['lessons', { lessons: [] }, /^Lessons: choose at least one lesson/],
		['lessons', { lessons: ['no-such-module/context'] }, /^Lessons: choose lessons from the list/],
		['lessons', { lessons: [`${module.slug}/no-such-lesson`] }, /^Lessons: choose lessons from the list/],
		['passMark', { passMark: '' }, /^Pass mark: enter a whole number from 0 to 100/],
		['passMark', { passMark: '101' }, /^Pass mark: enter a whole number from 0 to 100/],
		['passMark', { passMark: '7.5' }, /^Pass mark: enter a whole number from 0 to 100/],
		['tries', { tries: '0' }, /^Tries per question: enter a whole number from 1 to 5/],
		['tries', { tries: 'many' }, /^Tries per question: enter a whole number from 1 to 5/],
		['reveal', { reveal: 'never' }, /^Answers revealed: choose immediately or after the due date/],
		['due', { due: '2026-02-31T10:00' }, /^Due date: enter a date and time/],
		['due', { due: '2025-12-31T10:00' }, /^Due date: choose a time in the future/],
		['due', { reveal: 'after-due' }, /^Due date: answers revealed after the due date need a due date/]
	] as [string, Record<string, string | string[]>, RegExp][])(
		'refuses a bad %s with a message naming the field',
		(field, change, message) => {
			const reading = readAssignmentSettings(form({ ...valid, ...change }), course, NOW);
			// What was typed comes back with the message, so nothing has to be typed again.
			expect(reading).toMatchObject({
				ok: false,
				errors: { [field]: expect.stringMatching(message) },
				values: { title: change.title ?? valid.title }
			});
		}
	);

	it('reports every field that is wrong at once', () => {
		const reading = readAssignmentSettings(form({ ...valid, title: '', passMark: 'x', tries: '9' }), course, NOW);
		expect(reading.ok ? [] : Object.keys(reading.errors).sort()).toEqual(['passMark', 'title', 'tries']);
	});
});

describe('readNewDueDate', () => {
	it('takes an empty field as no change and a future date as the new one', () => {
		expect(readNewDueDate(form({ due: '' }), NOW)).toEqual({ ok: true, dueAt: null });
		expect(readNewDueDate(form({ due: '2026-01-11T08:00' }), NOW)).toEqual({
			ok: true,
			dueAt: Date.UTC(2026, 0, 11, 8, 0)
		});
	});

	it('refuses a past date', () => {
		expect(readNewDueDate(form({ due: '2026-01-09T08:00' }), NOW)).toEqual({
			ok: false,
			errors: { due: 'Due date: choose a time in the future.' }
		});
	});
});
