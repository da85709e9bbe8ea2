/**
 * What only the PostgreSQL store does, on a throwaway cluster: chosen by DATABASE_URL, migrations
 * applied once when several processes start together, a newer database refused, deleted rows vacuumed away at once, and a
 * school's SQLite store moved in with every row (`npm run db:migrate-to-postgres`). The contract
 * both stores share is in repository-contract.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	closeRepository,
	databaseFile,
	initRepository,
	openConfiguredRepository,
	openPostgresStores,
	openRepository,
	openStores,
	repository
} from '$lib/server/db';
import { copySqliteToPostgres } from '$lib/server/db/copy-to-postgres';
import { POSTGRES_LATEST_VERSION, POSTGRES_MIGRATIONS } from '$lib/server/db/postgres/migrations';
import { openPostgresRepository } from '$lib/server/db/postgres/postgres-repository';
import { assignment, student, submission } from './fixtures';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

const RULES = { maxTries: 2, lockOnCorrect: true };
let cluster: PostgresCluster;
let databases = 0;
/** A new empty database for each test. */
const newDatabase = () => cluster.createDatabase(`migrations_${++databases}`);

async function query<Row extends pg.QueryResultRow>(url: string, sql: string): Promise<Row[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<Row>(sql)).rows;
	} finally {
		await client.end();
	}
}

beforeAll(async () => {
	cluster = await startPostgresCluster({ fsync: false });
}, 60_000);
afterAll(() => cluster?.stop());

describe('choosing the store', () => {
	it('opens PostgreSQL for a postgres:// DATABASE_URL, SQLite in DATA_DIR without one, and nothing else', async () => {
		const url = await newDatabase();
		const server = await initRepository({ databaseUrl: url, dataDir: '/nonexistent/never-created' });
		try {
			expect(repository()).toBe(server);
			await server.createAssignment(assignment());
			expect(await query<{ id: string }>(url, 'SELECT id FROM assignments')).toEqual([{ id: 'a1' }]);
		} finally {
			await closeRepository();
		}
		expect(() => repository()).toThrow(/not open/);

		const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-choose-'));
		try {
			const sqlite = await openConfiguredRepository({ databaseUrl: '', dataDir });
			expect(await sqlite.findAssignment('a1')).toBeUndefined();
			await sqlite.close();
			await expect(openConfiguredRepository({ databaseUrl: 'mysql://x', dataDir })).rejects.toThrow(
				/must be a postgres:\/\/ URL/
			);
		} finally {
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});

describe('PostgreSQL migrations', () => {
	it('are applied once when several processes open a new database at the same moment', async () => {
		const url = await newDatabase();
		const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresRepository({ url })));
		await Promise.all(stores.map((store) => store.close()));
		const applied = await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version');
		expect(applied.map((row) => row.version)).toEqual(POSTGRES_MIGRATIONS.map((migration) => migration.version));
		expect(POSTGRES_LATEST_VERSION).toBe(POSTGRES_MIGRATIONS.at(-1)?.version);
	});

	it('refuse a database written by a newer release', async () => {
		const url = await newDatabase();
		await (await openPostgresRepository({ url })).close();
		await query(
			url,
			`INSERT INTO schema_migrations (version, description) VALUES (${POSTGRES_LATEST_VERSION + 1}, 'x')`
		);
		await expect(openPostgresRepository({ url })).rejects.toThrow(/schema version \d+, but this release/);
	});
});

describe('deleting on PostgreSQL', () => {
	it('leaves no dead row of a deleted assignment or student in any table it touched', async () => {
		const url = await newDatabase();
		const { classroom: store, lti } = await openPostgresStores({ url });
		try {
			await store.createAssignment(assignment());
			await store.createAssignment(assignment({ id: 'a2', joinCode: 'XYZ789' }));
			for (const [index, assignmentId] of ['a1', 'a1', 'a2', 'a2'].entries()) {
				const id = `s${index}`;
				await store.addStudent(student({ id, assignmentId, resumeCodeHash: new Uint8Array(32).fill(index + 1) }));
				await store.recordSubmission(submission({ studentId: id }), RULES);
				await store.addSession(new Uint8Array(32).fill(index + 100), id, 1);
				// What LTI keeps of the same student: their LMS identity, a landing, an instructor's session.
				await lti.linkStudent({
					issuer: 'https://lms.example',
					subject: `lms-${id}`,
					assignmentId,
					studentId: id,
					clientId: 'client',
					deploymentId: 'd1',
					resourceLinkId: `rl-${assignmentId}`,
					createdAt: 1
				});
				await lti.addLanding(new Uint8Array(32).fill(index + 50), { kind: 'student', assignmentId, studentId: id }, 10);
				await lti.addInstructorSession(new Uint8Array(32).fill(index + 150), {
					assignmentId,
					issuer: 'https://lms.example',
					subject: 'teacher',
					expiresAt: 10
				});
			}
			for (const assignmentId of ['a1', 'a2'])
				await lti.saveResourceLink({
					issuer: 'https://lms.example',
					clientId: 'client',
					deploymentId: 'd1',
					resourceLinkId: `rl-${assignmentId}`,
					assignmentId,
					contextId: null,
					lineItemUrl: null,
					lineItemsUrl: null,
					agsScopes: [],
					updatedAt: 1
				});
			// pgstattuple counts the dead tuples on disk; VACUUM in deleteAssignment/deleteStudent reclaims them.
			await query(url, 'CREATE EXTENSION pgstattuple');
			const deadTuples = async () =>
				(
					await query<{ dead: number }>(
						url,
						`SELECT sum((pgstattuple(name)).dead_tuple_count)::int AS dead FROM unnest(
							ARRAY['assignments', 'assignment_lessons', 'students', 'submissions', 'sessions', 'lti_students',
								'lti_resource_links', 'lti_landings', 'lti_instructor_sessions']) AS name`
					)
				)[0]?.dead;

			expect(await store.deleteAssignment('a1')).toBe(true);
			expect(await deadTuples()).toBe(0);
			expect(await store.deleteStudent('a2', 's2')).toBe(true);
			expect(await deadTuples()).toBe(0);
			expect((await store.listStudents('a2')).map((entry) => entry.id)).toEqual(['s3']);
			expect(await lti.findStudentLink('https://lms.example', 'lms-s2', 'a2')).toBeUndefined();
			expect(await lti.findStudentLinkOfStudent('s3')).toMatchObject({ subject: 'lms-s3' });
			expect(await lti.listResourceLinksOfAssignment('a1')).toEqual([]);
		} finally {
			await store.close();
		}
	});
});

const LTI_KEY = {
	kid: 'k1',
	privateJwk: { kty: 'RSA', kid: 'k1', n: 'n', e: 'AQAB', d: 'd' },
	publicJwk: { kty: 'RSA', kid: 'k1', n: 'n', e: 'AQAB' },
	createdAt: 1_000,
	retiredAt: null
};
const LTI_LINK = {
	issuer: 'https://lms.example',
	subject: 'lms-u1',
	assignmentId: 'a1',
	studentId: 's1',
	clientId: 'client',
	deploymentId: 'd1',
	resourceLinkId: 'rl1',
	createdAt: 2_000
};
const LTI_RESOURCE_LINK = {
	issuer: 'https://lms.example',
	clientId: 'client',
	deploymentId: 'd1',
	resourceLinkId: 'rl1',
	assignmentId: 'a1',
	contextId: 'course-1',
	lineItemUrl: 'https://lms.example/lineitems/1',
	lineItemsUrl: 'https://lms.example/lineitems',
	agsScopes: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'],
	updatedAt: 3_000
};
const LTI_DEEP_LINK = {
	issuer: 'https://lms.example',
	clientId: 'client',
	deploymentId: 'd1',
	returnUrl: 'https://lms.example/return',
	data: null,
	acceptLineItem: true,
	expiresAt: 9e12
};
const OUTBOX_ENTRY = {
	platform: { issuer: 'https://lms.example', clientId: 'client', tokenUrl: 'https://lms.example/token' },
	lineItemUrl: 'https://lms.example/lineitems/1',
	userId: 'lms-u1',
	score: {
		userId: 'lms-u1',
		scoreGiven: 1,
		scoreMaximum: 2,
		activityProgress: 'Completed',
		gradingProgress: 'FullyGraded',
		timestamp: '2026-12-03T09:00:00.000Z'
	},
	enqueuedAt: 4_000
} as const;

describe('moving a SQLite store into PostgreSQL', () => {
	let dataDir: string;
	beforeEach(async () => {
		dataDir = mkdtempSync(join(tmpdir(), 'backchannel-move-'));
		const { classroom: sqlite, lti, outbox } = openStores(dataDir);
		await sqlite.createAssignment(assignment());
		await sqlite.addStudent(student());
		await sqlite.addStudent(student({ id: 's2', name: 'Ben', resumeCodeHash: new Uint8Array(32).fill(2) }));
		await sqlite.recordSubmission(submission({ correct: false, score: 0 }), RULES);
		await sqlite.recordSubmission(submission({ tryNumber: 2, submittedAt: 3_500 }), RULES);
		await sqlite.recordSubmission(submission({ studentId: 's2', questionId: 'q2', submittedAt: 4_000 }), RULES);
		await sqlite.addSession(new Uint8Array(32).fill(5), 's2', 5_000);
		await sqlite.recordEvents(['join:ABC234', 'guess:ip'], 6_000);
		// LTI: the tool's key, an LMS user, their resource link, a deep-linking context (a boolean
		// in PostgreSQL), a used nonce and a score waiting for the gradebook.
		await lti.addToolKey(LTI_KEY);
		await lti.linkStudent(LTI_LINK);
		await lti.saveResourceLink(LTI_RESOURCE_LINK);
		await lti.addDeepLinkContext(new Uint8Array(32).fill(9), LTI_DEEP_LINK);
		await lti.saveState({
			state: 'st',
			issuer: 'https://lms.example',
			clientId: 'client',
			nonce: 'n1',
			createdAt: 1,
			expiresAt: 9e12
		});
		await lti.consumeLaunch('st', { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 9e12 });
		await outbox.enqueue(OUTBOX_ENTRY);
		await sqlite.close();
	});
	afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

	it('copies every row with `npm run db:migrate-to-postgres`, prints the counts, and the app reads the same store', async () => {
		const url = await newDatabase();
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/lib/server/db/migrate-to-postgres.ts'], {
			encoding: 'utf8',
			env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir }
		});
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/submissions\s+3\n/);
		expect(run.stdout).toMatch(/assignment_lessons\s+2\n/);
		expect(run.stdout).toMatch(/server_secrets\s+1\n/);
		expect(run.stdout).toMatch(/lti_students\s+1\n/);
		expect(run.stdout).toMatch(/lti_score_outbox\s+1\n/);

		const sqlite = openRepository(dataDir);
		const { classroom: postgres, lti, outbox } = await openPostgresStores({ url });
		try {
			expect(await lti.listToolKeys()).toEqual([LTI_KEY]);
			expect(await lti.findStudentLinkOfStudent('s1')).toEqual(LTI_LINK);
			expect(await lti.findResourceLink('https://lms.example', 'd1', 'rl1')).toEqual(LTI_RESOURCE_LINK);
			expect(await lti.findDeepLinkContext(new Uint8Array(32).fill(9), 1)).toEqual(LTI_DEEP_LINK);
			await lti.saveState({
				state: 'st2',
				issuer: 'https://lms.example',
				clientId: 'client',
				nonce: 'n1',
				createdAt: 1,
				expiresAt: 9e12
			});
			expect(await lti.consumeLaunch('st2', { issuer: 'https://lms.example', nonce: 'n1', expiresAt: 9e12 })).toBe(
				'nonce-replayed'
			);
			const [waiting] = await outbox.waiting();
			expect(waiting).toMatchObject({ ...OUTBOX_ENTRY, attempts: 0, failedAt: null });
			// The next score numbers after the copied one.
			expect((await outbox.enqueue({ ...OUTBOX_ENTRY, userId: 'lms-u2' })).id).toBeGreaterThan(waiting?.id ?? Infinity);
			expect(await postgres.secretKey()).toEqual(await sqlite.secretKey());
			expect(await postgres.findAssignment('a1')).toEqual(await sqlite.findAssignment('a1'));
			expect(await postgres.dashboardKeyHash('a1')).toEqual(await sqlite.dashboardKeyHash('a1'));
			expect(await postgres.listStudents('a1')).toEqual(await sqlite.listStudents('a1'));
			expect(await postgres.listAssignmentSubmissions('a1')).toEqual(await sqlite.listAssignmentSubmissions('a1'));
			expect(await postgres.findSessionStudent(new Uint8Array(32).fill(5))).toMatchObject({ id: 's2' });
			expect(await postgres.countEvents('join:ABC234', 0)).toBe(1);
			// The moved store takes the next try where SQLite left off.
			expect((await postgres.recordSubmission(submission({ tryNumber: 3 }), RULES)).status).toBe('finished');
			expect(
				(await postgres.recordSubmission(submission({ studentId: 's2', questionId: 'q2', tryNumber: 1 }), RULES)).status
			).toBe('duplicate');
		} finally {
			await Promise.all([sqlite.close(), postgres.close()]);
		}
	});

	it('refuses a database that already holds data, and leaves it as it was', async () => {
		const url = await newDatabase();
		const postgres = await openPostgresRepository({ url });
		await postgres.createAssignment(assignment({ id: 'other', joinCode: 'ZZZ999' }));
		await postgres.close();
		await expect(copySqliteToPostgres(databaseFile(dataDir), url)).rejects.toThrow(/already holds data/);
		const rows = await query<{ id: string }>(url, 'SELECT id FROM assignments');
		expect(rows).toEqual([{ id: 'other' }]);
	});
});
