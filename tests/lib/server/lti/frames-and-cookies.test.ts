/** Inside the LMS's frame: who may frame which page, and cookies a framed page keeps (over HTTPS). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LMS_SIGN_IN, signedInStudent, signIn } from '$lib/server/classroom/students';
import { openStores, type ClassroomRepository } from '$lib/server/db';
import { frameHeaders } from '$lib/server/lti/frame-policy';
import { hasInstructorSession, signInInstructor, startLanding } from '$lib/server/lti/sessions';
import type { LtiStore } from '$lib/server/lti/store';
import { assignment, student } from '../db/fixtures';

let dataDir: string;
let classroom: ClassroomRepository;
let lti: LtiStore;
beforeEach(async () => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-lti-cookies-'));
	({ classroom, lti } = openStores(dataDir));
	await classroom.createAssignment(assignment());
	await classroom.addStudent(student());
});
afterEach(() => {
	classroom.close();
	rmSync(dataDir, { recursive: true, force: true });
});

function cookieJar() {
	const values = new Map<string, string>();
	const set: Record<string, object> = {};
	const cookies = {
		get: (name: string) => values.get(name),
		set: (name: string, value: string, options: object) => {
			values.set(name, value);
			set[name] = options;
		},
		delete: (name: string) => values.delete(name)
	} as unknown as Cookies;
	return { cookies, set };
}

describe('frame policy', () => {
	const origins = ['https://moodle.example.org'];

	it('lets registered platforms frame launch, landing, student and LMS-dashboard pages only', () => {
		for (const path of [
			'/lti/launch',
			'/lti/landing/t',
			'/class/a1',
			'/class/a1/context',
			'/teach/a1/lms',
			'/teach/a1/lms/results.csv'
		])
			expect(frameHeaders(path, origins)).toEqual({
				'content-security-policy': "frame-ancestors 'self' https://moodle.example.org"
			});
		for (const path of ['/teach', '/teach/a1/secret-key', '/join', '/join/ABC234'])
			expect(frameHeaders(path, origins)).toEqual({ 'x-frame-options': 'DENY' });
	});

	it('frames nothing when no platform is registered', () => {
		expect(frameHeaders('/class/a1', [])).toEqual({ 'x-frame-options': 'DENY' });
	});
});

describe('cookies inside the frame', () => {
	it('are SameSite=None and Secure over HTTPS, and Lax over plain HTTP', async () => {
		const https = cookieJar();
		await startLanding(lti, https.cookies, true, { kind: 'student', assignmentId: 'a1', studentId: 's1' }, 1_000);
		await signIn(
			classroom,
			https.cookies,
			true,
			{ student: { ...student(), lastActiveAt: 2_000 }, resumeCode: LMS_SIGN_IN },
			3_000,
			{
				crossSite: true
			}
		);
		expect(https.set).toEqual({
			bc_lti_probe: expect.objectContaining({ sameSite: 'none', secure: true, httpOnly: true, path: '/lti' }),
			bc_student_a1: expect.objectContaining({ sameSite: 'none', secure: true, httpOnly: true, path: '/class/a1' })
		});
		expect((await signedInStudent(classroom, https.cookies, 'a1'))?.resumeCode).toBe(LMS_SIGN_IN);

		const http = cookieJar();
		await signIn(
			classroom,
			http.cookies,
			false,
			{ student: { ...student(), lastActiveAt: 2_000 }, resumeCode: LMS_SIGN_IN },
			3_000,
			{
				crossSite: true
			}
		);
		expect(http.set.bc_student_a1).toMatchObject({ sameSite: 'lax', secure: false });
	});

	it('an instructor session opens its own assignment only, until it expires', async () => {
		await classroom.createAssignment(assignment({ id: 'a2', joinCode: 'XYZ234' }));
		const { cookies, set } = cookieJar();
		const now = Date.now();
		await signInInstructor(
			lti,
			cookies,
			true,
			{ kind: 'instructor', assignmentId: 'a1', issuer: 'https://lms', subject: 't1' },
			now
		);
		expect(set.bc_lms_teacher_a1).toMatchObject({ sameSite: 'none', secure: true, path: '/teach/a1' });
		expect(await hasInstructorSession(lti, cookies, 'a1', now)).toBe(true);
		expect(await hasInstructorSession(lti, cookies, 'a2', now)).toBe(false);
		expect(await hasInstructorSession(lti, cookies, 'a1', now + 9 * 60 * 60_000)).toBe(false);
	});
});
