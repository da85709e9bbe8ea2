/** Joining and resuming over HTTP: every way a code can be wrong, names with markup, the resume code. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

/** A valid-looking code that no assignment has. */
async function unusedCode(): Promise<string> {
	for (const code of ['ZZZZZZ', 'YYYYYY', 'XXXXXX']) if (!(await app.store.findAssignmentByJoinCode(code))) return code;
	throw new Error('every test code is taken');
}

describe('POST /join?/join', () => {
	it('joins with the code typed loosely, sets an HTTP-only cookie for the class pages and shows the resume code', async () => {
		const { joinCode, id } = await createAssignment(teacher);
		const student = new Client(app.baseUrl);
		const response = await student.post('/join?/join', {
			code: ` ${joinCode.toLowerCase().slice(0, 3)}-${joinCode.slice(3)} `,
			name: '  Ada  '
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/class/${id}?joined`);
		const cookie = response.headers.getSetCookie()[0] ?? '';
		expect(cookie).toMatch(new RegExp(`^bc_student_${id}=[\\w-]{43}\\.[2-9A-HJKMNP-Z]{12}; `));
		// Served over plain HTTP (as on a school network): a secure-only cookie would be dropped.
		expect(cookie).not.toMatch(/Secure/i);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(new RegExp(`Path=/class/${id}`));
		expect(cookie).toMatch(/SameSite=Lax/);

		const page = await (await student.get(`/class/${id}`)).text();
		expect(page).toMatch(/data-testid="resume-code">[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}</);
		expect((await app.store.listStudents(id)).map((entry) => entry.name)).toEqual(['Ada']);
	});

	it('refuses a malformed code with 400, naming what a code looks like', async () => {
		const response = await new Client(app.baseUrl).post('/join?/join', { code: 'O0-1I', name: 'Ada' });
		expect(response.status).toBe(400);
		const page = await response.text();
		expect(page).toContain('Join code: a code has 6 letters and digits (never 0, 1, I, L or O).');
		expect(page).toMatch(/aria-describedby="code-hint code-error"/);
		expect(page).toContain('role="alert"');
	});

	it('refuses an unknown code with 404, keeping the name typed', async () => {
		const code = await unusedCode();
		const response = await new Client(app.baseUrl).post('/join?/join', { code, name: 'Ada <3' });
		expect(response.status).toBe(404);
		const page = await response.text();
		expect(page).toContain(`no assignment has the code ${code}. Check it with your teacher.`);
		expect(page).toContain('value="Ada &lt;3"');
	});

	it('refuses a closed assignment with 403 and an expired one with 410, naming neither', async () => {
		const closed = await createAssignment(teacher, { title: 'Secret seminar' });
		await app.store.updateSchedule(closed.id, { closedAt: Date.now(), dueAt: null });
		const refused = await new Client(app.baseUrl).post('/join?/join', { code: closed.joinCode, name: 'Ada' });
		expect(refused.status).toBe(403);
		const refusedPage = await refused.text();
		expect(refusedPage).toContain('Join code: this assignment is closed.');
		expect(refusedPage).not.toContain('Secret seminar');

		const expired = await createAssignment(teacher, { title: 'Past seminar' });
		await app.store.updateSchedule(expired.id, { closedAt: null, dueAt: Date.now() - 1000 });
		const late = await new Client(app.baseUrl).post('/join?/join', { code: expired.joinCode, name: 'Ada' });
		expect(late.status).toBe(410);
		const latePage = await late.text();
		expect(latePage).toContain('Join code: this assignment is closed.');
		expect(latePage).not.toContain('Past seminar');
	});

	it.each([
		['', 'Name: enter the name your teacher will see.'],
		['   ', 'Name: enter the name your teacher will see.'],
		['x'.repeat(61), 'Name: keep it under 60 characters.'],
		['Ada\u0000Lovelace', 'Name: use letters, digits and punctuation only.']
	])('refuses the name %j with 400', async (name, message) => {
		const { joinCode } = await createAssignment(teacher);
		const response = await new Client(app.baseUrl).post('/join?/join', { code: joinCode, name });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain(message);
	});

	it('shows a name with markup as text on the student’s own pages', async () => {
		const { joinCode } = await createAssignment(teacher);
		const { client, classPath } = await joinAs(app.baseUrl, joinCode, '<script>alert("x")</script><b>Bo</b>');
		const page = await (await client.get(classPath)).text();
		expect(page).not.toContain('<script>alert("x")');
		expect(page).not.toContain('<b>Bo</b>');
		expect(page).toContain('&lt;script>alert("x")&lt;/script>&lt;b>Bo&lt;/b>');
	});
});

describe('GET /join/<code>', () => {
	it('names the assignment for a good code, and says what is wrong with a bad one', async () => {
		const { joinCode } = await createAssignment(teacher, { title: 'Mr Singh’s <i>class</i>' });
		const good = await (await new Client(app.baseUrl).get(`/join/${joinCode.toLowerCase()}`)).text();
		expect(good).toContain('Join “Mr Singh’s &lt;i>class&lt;/i>”');
		const bad = await (await new Client(app.baseUrl).get(`/join/${await unusedCode()}`)).text();
		expect(bad).toContain('Check it with your teacher.');
	});
});

describe('POST /join?/resume', () => {
	it('signs a student in on a second device with their resume code, to their own answers', async () => {
		const { joinCode, id } = await createAssignment(teacher);
		const first = await joinAs(app.baseUrl, joinCode, 'Ada');
		const resumeCode = (first.client.cookie(`bc_student_${id}`) ?? '').split('.')[1] ?? '';
		const secondDevice = new Client(app.baseUrl);
		const response = await secondDevice.post('/join?/resume', {
			resumeCode: resumeCode
				.replace(/(.{4})/g, '$1-')
				.slice(0, 14)
				.toLowerCase()
		});
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe(`/class/${id}`);
		expect(await (await secondDevice.get(`/class/${id}`)).text()).toContain('Signed in as <strong class="student-name');
	});

	it('refuses an unknown resume code with 404', async () => {
		const response = await new Client(app.baseUrl).post('/join?/resume', { resumeCode: 'ABCD-EFGH-JKMN' });
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('Resume code: no student has this code.');
	});
});

describe('GET /health', () => {
	it('answers 200 from a process that reaches its store, never cached', async () => {
		const response = await fetch(`${app.baseUrl}/health`);
		expect(response.status).toBe(200);
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(await response.json()).toEqual({ status: 'ok' });
	});
});
