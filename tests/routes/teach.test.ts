/** The teacher's endpoints over HTTP: creating, the dashboard and its key, CSV, close, reopen, delete. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile } from '$lib/server/db';
import { LESSON, MODULE, SINGLE, singleAnswer, wrongOption } from './course-questions';
import { Client, createAssignment, joinAs, startApp, type TestApp } from './server';

let app: TestApp;
let teacher: Client;
beforeAll(async () => {
	app = await startApp();
	teacher = new Client(app.baseUrl);
}, 60_000);
afterAll(async () => {
	await app?.close();
});

describe('POST /teach?/create', () => {
	it('creates an assignment and sends the teacher to its dashboard, whose key the store never holds', async () => {
		const response = await teacher.post('/teach?/create', {
			title: 'Year 11',
			lessons: [`${MODULE}/${LESSON}`],
			passMark: '70',
			tries: '1',
			reveal: 'immediate',
			due: ''
		});
		expect(response.status).toBe(303);
		const location = response.headers.get('location') ?? '';
		const [, id, key] = /^\/teach\/([^/]+)\/([^/?]+)\?created$/.exec(location) ?? [];
		expect(key && Buffer.from(key, 'base64url').length).toBe(32);
		const stored = await app.store.findAssignment(id ?? '');
		expect(stored).toMatchObject({ title: 'Year 11', lessons: [LESSON], passMark: 0.7, tries: 1, reveal: 'immediate' });
		expect(Buffer.from((await app.store.dashboardKeyHash(id ?? ''))?.hash ?? []).toString('base64url')).not.toBe(key);

		const page = await (await teacher.get(location)).text();
		expect(page).toContain('Bookmark this page now');
		// Stored as 0.7, shown as the teacher typed it.
		expect(page).toMatch(/Pass mark<\/dt>\s*<dd[^>]*>70%<\/dd>/);
		expect(page).toMatch(/data-testid="join-code">[2-9A-HJKMNP-Z]{6}</);
	});

	it('answers 400 with every problem, tied to its field, and what was typed', async () => {
		const response = await teacher.post('/teach?/create', {
			title: '<i>Kept</i>',
			passMark: '120',
			tries: '0',
			reveal: 'immediate',
			due: ''
		});
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(page).toContain('Lessons: choose at least one lesson.');
		expect(page).toContain('Pass mark: enter a whole number from 0 to 100.');
		expect(page).toContain('Tries per question: enter a whole number from 1 to 5.');
		expect(page).toMatch(/id="passMark"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="passMark"/);
		expect(page).toMatch(/aria-describedby="passMark-error"/);
		expect(page).toContain('id="passMark-error"');
		expect(page).toContain('value="&lt;i>Kept&lt;/i>"');
	});

	it('refuses a due date in the past and after-due reveal without a due date', async () => {
		const past = await teacher.post('/teach?/create', {
			title: 'x',
			lessons: `${MODULE}/${LESSON}`,
			passMark: '80',
			tries: '2',
			reveal: 'immediate',
			due: '2020-01-01T10:00'
		});
		expect(past.status).toBe(400);
		expect(await past.text()).toContain('Due date: choose a time in the future.');
		const noDue = await teacher.post('/teach?/create', {
			title: 'x',
			lessons: `${MODULE}/${LESSON}`,
			passMark: '80',
			tries: '2',
			reveal: 'after-due',
			due: ''
		});
		expect(noDue.status).toBe(400);
		expect(await noDue.text()).toContain('Due date: answers revealed after the due date need a due date.');
	});
});

describe('the dashboard', () => {
	it('is 404 without the key, with a wrong key, or for another assignment’s key', async () => {
		const first = await createAssignment(teacher);
		const second = await createAssignment(teacher);
		const secondKey = second.dashboard.split('/').at(-1);
		expect((await teacher.get(first.dashboard)).status).toBe(200);
		expect((await teacher.get(`/teach/${first.id}`)).status).toBe(404);
		expect((await teacher.get(`/teach/${first.id}/wrong-key`)).status).toBe(404);
		expect((await teacher.get(`/teach/${first.id}/${secondKey}`)).status).toBe(404);
		expect((await teacher.get(`/teach/${first.id}/${secondKey}/results.csv`)).status).toBe(404);
		expect((await teacher.get(`/teach/${first.id}/${secondKey}/answers.json`)).status).toBe(404);
		const refused = await teacher.post(`/teach/${first.id}/${secondKey}?/delete`, { confirm: 'yes' });
		expect(refused.status).toBe(404);
		expect(await app.store.findAssignment(first.id)).toBeDefined();
	});

	it('is never cached and never leaks its address as a referrer', async () => {
		const { dashboard } = await createAssignment(teacher);
		const response = await teacher.get(dashboard);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(response.headers.get('referrer-policy')).toBe('same-origin');
	});

	it('lists students with markup in their names as text', async () => {
		const { dashboard, joinCode } = await createAssignment(teacher);
		await joinAs(app.baseUrl, joinCode, '<img src=x onerror="alert(1)">');
		const page = await (await teacher.get(dashboard)).text();
		expect(page).not.toContain('<img src=x');
		expect(page).toContain('&lt;img src=x onerror="alert(1)">');
	});

	it('strips direction overrides and zero-width characters from names, and tells same names apart', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher);
		await joinAs(app.baseUrl, joinCode, 'Ada');
		await joinAs(app.baseUrl, joinCode, '\u202EAd\u200Ba\u2066');
		await joinAs(app.baseUrl, joinCode, 'Jose\u0301');
		expect((await app.store.listStudents(id)).map((student) => student.name)).toEqual(['Ada', 'Ada', 'Jos\u00E9']);
		const page = await (await teacher.get(dashboard)).text();
		const marks = [...page.matchAll(/>Ada(?:<!--[^>]*-->)?\s*<span class="same-name[^"]*">\(([^)]*)\)/g)];
		expect(marks.map((mark) => mark[1]?.replace(/, joined .*/, ''))).toEqual([
			'1 of 2 with this name',
			'2 of 2 with this name'
		]);
	});
});

describe('removing and merging students without JavaScript', () => {
	it('removes one student and their answers after the box is ticked', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher);
		const ada = await joinAs(app.baseUrl, joinCode, 'Ada');
		await joinAs(app.baseUrl, joinCode, 'Spam');
		await ada.client.post(`${ada.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, SINGLE.answer));
		const [first, spam] = await app.store.listStudents(id);

		const unconfirmed = await teacher.post(`${dashboard}?/removeStudent`, { student: spam?.id ?? '' });
		expect(unconfirmed.status).toBe(400);
		expect(await unconfirmed.text()).toContain('tick the box to confirm');
		const removed = await teacher.post(`${dashboard}?/removeStudent`, { student: spam?.id ?? '', confirm: 'yes' });
		expect(removed.status).toBe(200);
		expect(await removed.text()).toContain('The student and their answers are removed.');
		expect((await app.store.listStudents(id)).map((student) => student.name)).toEqual(['Ada']);
		expect(await app.store.listStudentSubmissions(first?.id ?? '')).toHaveLength(1);
		// Only a student of this assignment, through this assignment's key.
		const other = await createAssignment(teacher);
		const outsider = await teacher.post(`${other.dashboard}?/removeStudent`, {
			student: first?.id ?? '',
			confirm: 'yes'
		});
		expect(outsider.status).toBe(404);
	});

	it('merges a student who joined twice into the record they use now', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher);
		const before = await joinAs(app.baseUrl, joinCode, 'Ada');
		await before.client.post(`${before.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));
		const now = await joinAs(app.baseUrl, joinCode, 'Ada');
		const [old, current] = await app.store.listStudents(id);
		const page = await (await teacher.get(dashboard)).text();
		expect(page).toContain('action="?/mergeStudents"');

		const merged = await teacher.post(`${dashboard}?/mergeStudents`, {
			keep: current?.id ?? '',
			duplicate: old?.id ?? ''
		});
		expect(merged.status).toBe(200);
		expect(await merged.text()).toContain('The two records are merged.');
		expect((await app.store.listStudents(id)).map((student) => student.id)).toEqual([current?.id]);
		expect(await app.store.listStudentSubmissions(current?.id ?? '')).toHaveLength(1);
		expect((await now.client.get(now.classPath)).status).toBe(200);
		expect((await before.client.get(before.classPath)).status).toBe(401);
	});
});

describe('the CSV export', () => {
	it('holds one row per student, quoted properly, with formulas defused', async () => {
		const { dashboard, joinCode } = await createAssignment(teacher);
		const ada = await joinAs(app.baseUrl, joinCode, 'Ada, "the first"');
		const eve = await joinAs(app.baseUrl, joinCode, '=HYPERLINK("http://evil.example","x")');
		await joinAs(app.baseUrl, joinCode, '@SUM(1+1)');
		await joinAs(app.baseUrl, joinCode, '-1+2');
		await ada.client.post(`${ada.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, SINGLE.answer));
		await eve.client.post(`${eve.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, wrongOption(SINGLE)));

		const response = await teacher.get(`${dashboard}/results.csv`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(response.headers.get('content-disposition')).toBe('attachment; filename="year-11-history-results.csv"');
		const lines = (await response.text())
			.replace(/^\uFEFF/, '')
			.trimEnd()
			.split('\r\n');
		expect(lines).toHaveLength(5);
		expect(lines[1]).toMatch(/^"Ada, ""the first""",0,1,1,/);
		expect(lines[2]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",0,1,1,/);
		expect(lines[3]).toMatch(/^"'@SUM\(1\+1\)",0,1,0,/);
		expect(lines[4]).toMatch(/^"'-1\+2",0,1,0,/);
		for (const line of lines.slice(1)) expect(line).not.toMatch(/(^|,)[=+\-@]/);
	});
});

describe('closing, reopening and deleting', () => {
	it('closes and reopens, refusing joins while closed', async () => {
		const { dashboard, joinCode } = await createAssignment(teacher);
		expect((await teacher.post(`${dashboard}?/close`, {})).status).toBe(200);
		const refused = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: 'Late' });
		expect(refused.status).toBe(403);
		expect(await refused.text()).toContain('Join code: this assignment is closed.');

		expect((await teacher.post(`${dashboard}?/reopen`, { due: '' })).status).toBe(200);
		expect((await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: 'Late' })).status).toBe(303);
	});

	it('reopens a past-due assignment only with a new due date in the future', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher);
		await app.store.updateSchedule(id, { closedAt: null, dueAt: Date.now() - 60_000 });
		const expired = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name: 'Late' });
		expect(expired.status).toBe(410);
		expect(await expired.text()).toContain('Join code: this assignment is closed.');

		const noDate = await teacher.post(`${dashboard}?/reopen`, { due: '' });
		expect(noDate.status).toBe(400);
		expect(await noDate.text()).toContain('the due date has passed, so give a new one in the future');
		const reopened = await teacher.post(`${dashboard}?/reopen`, { due: '2099-01-01T09:00' });
		expect(reopened.status).toBe(200);
		expect((await app.store.findAssignment(id))?.dueAt).toBe(Date.UTC(2099, 0, 1, 9, 0));
	});

	it('releases the answers: every student sees the key at once, and the assignment cannot be reopened', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher, {
			reveal: 'after-due',
			due: '2099-01-01T09:00'
		});
		const student = await joinAs(app.baseUrl, joinCode, 'Ada');
		const lessonPage = `${student.classPath}/${LESSON}`;
		const explanation = SINGLE.explanationHtml.slice(0, 40);
		expect(await (await student.client.get(lessonPage)).text()).not.toContain(explanation);

		expect((await teacher.post(`${dashboard}?/release`, {})).status).toBe(200);
		expect((await app.store.findAssignment(id))?.releasedAt).not.toBeNull();
		// Unanswered, tries left: the key and explanation are shown anyway.
		expect(await (await student.client.get(lessonPage)).text()).toContain(explanation);
		const reopen = await teacher.post(`${dashboard}?/reopen`, { due: '2099-02-01T09:00' });
		expect(reopen.status).toBe(400);
		expect(await reopen.text()).toContain('every student has seen the answers');
	});

	it('does not reopen an assessed assignment past its due date, whose keys every student has seen', async () => {
		const { dashboard, id } = await createAssignment(teacher);
		await app.store.updateSchedule(id, { closedAt: null, dueAt: Date.now() - 60_000 });
		// Assessed in the store directly, whatever held-back items the module under test has.
		const db = new Database(databaseFile(app.dataDir));
		db.prepare("UPDATE assignments SET mode = 'assessed' WHERE id = ?").run(id);
		db.close();
		const reopen = await teacher.post(`${dashboard}?/reopen`, { due: '2099-01-01T09:00' });
		expect(reopen.status).toBe(400);
		expect(await reopen.text()).toContain('every student has seen the answers');
	});

	it('shows the teacher every question with its key, behind the dashboard key only', async () => {
		const { dashboard } = await createAssignment(teacher);
		const page = await teacher.get(`${dashboard}/key`);
		expect(page.status).toBe(200);
		const text = await page.text();
		expect(text).toContain('Answer key: Year 11 history');
		expect(text).toContain(SINGLE.options.find((option) => option.id === SINGLE.answer)?.text ?? '');
		expect((await teacher.get(`${dashboard.slice(0, -2)}xx/key`)).status).toBe(404);
	});

	it('deletes only with confirmation, and then everything goes', async () => {
		const { dashboard, joinCode, id } = await createAssignment(teacher);
		const student = await joinAs(app.baseUrl, joinCode, 'Ada');
		await student.client.post(`${student.classPath}/${LESSON}?/answer`, singleAnswer(SINGLE, SINGLE.answer));

		const unconfirmed = await teacher.post(`${dashboard}?/delete`, {});
		expect(unconfirmed.status).toBe(400);
		expect(await unconfirmed.text()).toContain('Confirm: tick the box');
		expect(await app.store.findAssignment(id)).toBeDefined();

		const deleted = await teacher.post(`${dashboard}?/delete`, { confirm: 'yes' });
		expect(deleted.status).toBe(303);
		expect(deleted.headers.get('location')).toBe('/teach?deleted');
		expect(await app.store.findAssignment(id)).toBeUndefined();
		expect(await app.store.listStudents(id)).toEqual([]);
		expect((await teacher.get(dashboard)).status).toBe(404);
		expect((await student.client.get(student.classPath)).status).toBe(404);
	});
});
