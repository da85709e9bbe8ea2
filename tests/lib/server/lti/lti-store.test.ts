/**
 * The LTI store on the classroom's database, run against both engines (SQLite in a temp folder,
 * PostgreSQL on a throwaway cluster): single-use states and nonces, also through two stores on one
 * database at once (two app processes), links that go with their student or assignment.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClassroomRepository, Stores } from '$lib/server/db';
import type { LtiStore, ResourceLinkRecord, ToolKeyRecord } from '$lib/server/lti/store';
import { assignment, student } from '../db/fixtures';
import { BACKENDS } from '../db/store-backends';

const backends = BACKENDS.map((make) => make()).map((backend) => [backend.name, backend] as const);

const state = (value: string, nonce: string) => ({
	state: value,
	issuer: 'https://lms.example',
	clientId: 'client',
	nonce,
	createdAt: 1_000,
	expiresAt: 61_000
});

const resourceLink = (overrides: Partial<ResourceLinkRecord> = {}): ResourceLinkRecord => ({
	issuer: 'https://lms.example',
	clientId: 'client',
	deploymentId: 'd1',
	resourceLinkId: 'rl1',
	assignmentId: 'a1',
	contextId: 'course-1',
	lineItemUrl: 'https://lms.example/lineitems/1',
	lineItemsUrl: 'https://lms.example/lineitems',
	agsScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
	updatedAt: 5_000,
	...overrides
});

/** A stand-in for a jose key pair: the store keeps the JWKs as they are. */
const toolKey = (kid: string): ToolKeyRecord => ({
	kid,
	privateJwk: { kty: 'RSA', kid, n: 'private-n', e: 'AQAB', d: 'private-d' },
	publicJwk: { kty: 'RSA', kid, n: 'public-n', e: 'AQAB' },
	createdAt: 1_000,
	retiredAt: null
});

describe.each(backends)('the LTI store on %s', (_name, backend) => {
	let classroom: ClassroomRepository;
	let lti: LtiStore;
	/** Another process's stores on the same database, when a test opens them. */
	let others: Stores[] = [];
	const otherProcess = async () => {
		const stores = await backend.reopenStores();
		others.push(stores);
		return stores.lti;
	};

	beforeAll(() => backend.setUp(), 60_000);
	afterAll(() => backend.tearDown());
	beforeEach(async () => {
		({ classroom, lti } = await backend.openStores());
	});
	afterEach(async () => {
		await Promise.all(others.map((stores) => stores.classroom.close()));
		others = [];
		await classroom.close();
	});

	describe('states and nonces', () => {
		it('finds a state until it expires, and uses it up with its nonce once', async () => {
			await lti.saveState(state('s1', 'n1'));
			expect(await lti.findState('s1', 60_999)).toMatchObject({ nonce: 'n1' });
			expect(await lti.findState('s1', 61_000)).toBeUndefined();
			const nonce = { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 100_000 };
			expect(await lti.consumeLaunch('s1', nonce)).toBe('ok');
			expect(await lti.consumeLaunch('s1', nonce)).toBe('state-unknown');
		});

		it('refuses a nonce the issuer sent before, leaving the second state unused', async () => {
			await lti.saveState(state('s1', 'n1'));
			await lti.saveState(state('s2', 'n1'));
			const nonce = { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 100_000 };
			expect(await lti.consumeLaunch('s1', nonce)).toBe('ok');
			expect(await lti.consumeLaunch('s2', nonce)).toBe('nonce-replayed');
			expect(await lti.findState('s2', 2_000)).toBeDefined();
			// The same nonce from another issuer is another nonce.
			expect(await lti.consumeLaunch('s2', { ...nonce, issuer: 'https://other.example' })).toBe('ok');
		});

		it('prunes what has expired', async () => {
			await lti.saveState(state('s1', 'n1'));
			await lti.consumeLaunch('s1', { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 10_000 });
			await lti.saveState(state('s2', 'n2'));
			await lti.pruneExpired(70_000);
			expect(await lti.findState('s2', 2_000)).toBeUndefined();
			// The pruned nonce may come again (its token has long expired, so jose refuses it anyway).
			await lti.saveState({ ...state('s3', 'n1'), expiresAt: 200_000 });
			expect(await lti.consumeLaunch('s3', { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 300_000 })).toBe(
				'ok'
			);
		});
	});

	describe('LMS users, resource links and hand-offs', () => {
		beforeEach(async () => {
			await classroom.createAssignment(assignment());
			await classroom.addStudent(student());
		});

		it('links an LMS user to one student per assignment, and refuses a second link', async () => {
			const link = {
				issuer: 'https://lms.example',
				subject: 'u1',
				assignmentId: 'a1',
				studentId: 's1',
				clientId: 'client',
				deploymentId: 'd1',
				resourceLinkId: 'rl1',
				createdAt: 3_000
			};
			expect(await lti.linkStudent(link)).toBe(true);
			await classroom.addStudent(student({ id: 's2', resumeCodeHash: new Uint8Array(32).fill(2) }));
			expect(await lti.linkStudent({ ...link, studentId: 's2' })).toBe(false);
			expect(await lti.findStudentLink('https://lms.example', 'u1', 'a1')).toEqual(link);
			expect(await lti.findStudentLinkOfStudent('s1')).toEqual(link);
			await lti.updateStudentResourceLink('s1', 'd2', 'rl2');
			expect(await lti.findStudentLinkOfStudent('s1')).toEqual({ ...link, deploymentId: 'd2', resourceLinkId: 'rl2' });
		});

		it('moves an LMS link to the kept student when a teacher merges the linked duplicate into it', async () => {
			const link = {
				issuer: 'https://lms.example',
				subject: 'u1',
				assignmentId: 'a1',
				studentId: 's2',
				clientId: 'client',
				deploymentId: 'd1',
				resourceLinkId: 'rl1',
				createdAt: 3_000
			};
			await classroom.addStudent(student({ id: 's2', resumeCodeHash: new Uint8Array(32).fill(2) }));
			expect(await lti.linkStudent(link)).toBe(true);
			expect(await classroom.mergeStudents('a1', 's1', 's2')).toBe(true);
			expect(await lti.findStudentLink('https://lms.example', 'u1', 'a1')).toMatchObject({ ...link, studentId: 's1' });

			// Both linked: the kept student keeps its own link, the duplicate's goes with it.
			await classroom.addStudent(student({ id: 's3', resumeCodeHash: new Uint8Array(32).fill(3) }));
			expect(await lti.linkStudent({ ...link, subject: 'u2', studentId: 's3' })).toBe(true);
			expect(await classroom.mergeStudents('a1', 's1', 's3')).toBe(true);
			expect(await lti.findStudentLinkOfStudent('s1')).toMatchObject({ subject: 'u1' });
			expect(await lti.findStudentLink('https://lms.example', 'u2', 'a1')).toBeUndefined();
		});

		it('keeps one resource link per issuer, deployment and id, with the latest line item', async () => {
			await lti.saveResourceLink(resourceLink());
			await lti.saveResourceLink(resourceLink({ lineItemUrl: 'https://lms.example/lineitems/2', updatedAt: 6_000 }));
			expect(await lti.listResourceLinksOfAssignment('a1')).toEqual([
				resourceLink({ lineItemUrl: 'https://lms.example/lineitems/2', updatedAt: 6_000 })
			]);
			expect(await lti.findResourceLink('https://lms.example', 'd1', 'rl1')).toMatchObject({ assignmentId: 'a1' });
		});

		it('forgets a student’s LMS identity with the student, and the links with the assignment', async () => {
			await lti.linkStudent({
				issuer: 'https://lms.example',
				subject: 'u1',
				assignmentId: 'a1',
				studentId: 's1',
				clientId: 'client',
				deploymentId: 'd1',
				resourceLinkId: 'rl1',
				createdAt: 3_000
			});
			await lti.saveResourceLink(resourceLink());
			await classroom.deleteStudent('a1', 's1');
			expect(await lti.findStudentLink('https://lms.example', 'u1', 'a1')).toBeUndefined();
			await classroom.deleteAssignment('a1');
			expect(await lti.listResourceLinksOfAssignment('a1')).toEqual([]);
		});

		it('hands a landing over once, and not after it expires', async () => {
			const target = { kind: 'student', assignmentId: 'a1', studentId: 's1' } as const;
			await lti.addLanding(new Uint8Array(32).fill(1), target, 10_000);
			expect(await lti.takeLanding(new Uint8Array(32).fill(1), 9_999)).toEqual(target);
			expect(await lti.takeLanding(new Uint8Array(32).fill(1), 9_999)).toBeUndefined();
			await lti.addLanding(new Uint8Array(32).fill(2), target, 10_000);
			expect(await lti.takeLanding(new Uint8Array(32).fill(2), 10_000)).toBeUndefined();
		});

		it('keeps instructor sessions until they expire', async () => {
			const session = { assignmentId: 'a1', issuer: 'https://lms.example', subject: 't1', expiresAt: 10_000 };
			await lti.addInstructorSession(new Uint8Array(32).fill(3), session);
			expect(await lti.findInstructorSession(new Uint8Array(32).fill(3), 9_999)).toEqual(session);
			expect(await lti.findInstructorSession(new Uint8Array(32).fill(3), 10_000)).toBeUndefined();
		});

		it('uses a deep-linking context up once', async () => {
			const context = {
				issuer: 'https://lms.example',
				clientId: 'client',
				deploymentId: 'd1',
				returnUrl: 'https://lms.example/return',
				data: null,
				acceptLineItem: true,
				expiresAt: 10_000
			};
			await lti.addDeepLinkContext(new Uint8Array(32).fill(4), context);
			expect(await lti.findDeepLinkContext(new Uint8Array(32).fill(4), 5_000)).toEqual(context);
			expect(await lti.takeDeepLinkContext(new Uint8Array(32).fill(4))).toBe(true);
			expect(await lti.takeDeepLinkContext(new Uint8Array(32).fill(4))).toBe(false);
		});
	});

	describe('across processes', () => {
		it('lets exactly one of two processes consume the same launch at once', async () => {
			const second = await otherProcess();
			await lti.saveState(state('s1', 'n1'));
			const nonce = { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 100_000 };
			const outcomes = await Promise.all([lti.consumeLaunch('s1', nonce), second.consumeLaunch('s1', nonce)]);
			expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
			expect(outcomes.filter((outcome) => outcome !== 'ok')).toEqual([
				expect.stringMatching(/state-unknown|nonce-replayed/)
			]);
			expect(await lti.findState('s1', 2_000)).toBeUndefined();
		});

		it('lets one of two processes replaying one nonce with two states through, and keeps the other state', async () => {
			const second = await otherProcess();
			await lti.saveState(state('s1', 'n1'));
			await lti.saveState(state('s2', 'n1'));
			const nonce = { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 100_000 };
			const outcomes = await Promise.all([lti.consumeLaunch('s1', nonce), second.consumeLaunch('s2', nonce)]);
			expect([...outcomes].sort()).toEqual(['nonce-replayed', 'ok']);
			const unused = outcomes[0] === 'ok' ? 's2' : 's1';
			expect(await lti.findState(unused, 2_000)).toBeDefined();
		});

		it('hands a landing and a deep-linking context to one process only', async () => {
			await classroom.createAssignment(assignment());
			await classroom.addStudent(student());
			const second = await otherProcess();
			const target = { kind: 'student', assignmentId: 'a1', studentId: 's1' } as const;
			await lti.addLanding(new Uint8Array(32).fill(7), target, 10_000);
			const landings = await Promise.all([
				lti.takeLanding(new Uint8Array(32).fill(7), 5_000),
				second.takeLanding(new Uint8Array(32).fill(7), 5_000)
			]);
			expect(landings.filter(Boolean)).toEqual([target]);
			await lti.addDeepLinkContext(new Uint8Array(32).fill(8), {
				issuer: 'https://lms.example',
				clientId: 'client',
				deploymentId: 'd1',
				returnUrl: 'https://lms.example/return',
				data: 'opaque',
				acceptLineItem: false,
				expiresAt: 10_000
			});
			expect(await second.findDeepLinkContext(new Uint8Array(32).fill(8), 5_000)).toMatchObject({
				data: 'opaque',
				acceptLineItem: false
			});
			const taken = await Promise.all([
				lti.takeDeepLinkContext(new Uint8Array(32).fill(8)),
				second.takeDeepLinkContext(new Uint8Array(32).fill(8))
			]);
			expect([...taken].sort()).toEqual([false, true]);
		});

		it('keeps the first tool key of two processes starting at once, and the other one learns of it', async () => {
			const second = await otherProcess();
			const results = await Promise.all([lti.addFirstToolKey(toolKey('k1')), second.addFirstToolKey(toolKey('k2'))]);
			expect([...results].sort()).toEqual([false, true]);
			const keys = await second.listToolKeys();
			expect(keys.map((key) => key.kid)).toEqual([results[0] ? 'k1' : 'k2']);
			expect(keys[0]).toEqual(toolKey(keys[0]?.kid ?? ''));
			// Once a key is retired and none is active, the next first key goes in.
			expect(await lti.retireToolKey(keys[0]?.kid ?? '', 9_000)).toBe(true);
			expect(await lti.addFirstToolKey(toolKey('k3'))).toBe(true);
		});
	});
});
