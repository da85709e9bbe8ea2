/**
 * Codes and keys are stored as HMACs under the store's own key; rows from before (bare SHA-256)
 * keep working and are upgraded on use. Sessions are server-side: signing out retires one.
 */
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cookies } from '@sveltejs/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDashboard } from '$lib/server/classroom/assignments';
import { hashSecret, hmacSecret } from '$lib/server/classroom/codes';
import { findStudentByResumeCode, signedInStudent, signIn, signOut } from '$lib/server/classroom/students';
import { databaseFile, openRepository, type ClassroomRepository } from '$lib/server/db';
import { migrate, MIGRATIONS } from '$lib/server/db/sqlite/migrations';

let dataDir: string;
let repository: ClassroomRepository | undefined;
beforeEach(() => {
	dataDir = mkdtempSync(join(tmpdir(), 'backchannel-secrets-'));
});
afterEach(() => {
	repository?.close();
	repository = undefined;
	rmSync(dataDir, { recursive: true, force: true });
});

const KEY = 'k'.repeat(43);
const RESUME = 'ABCDEFGHJKMN';

/** A database as schema version 1 wrote it: bare SHA-256 hashes. */
function legacyDatabase(): void {
	mkdirSync(dataDir, { recursive: true });
	const db = new Database(databaseFile(dataDir));
	migrate(db, MIGRATIONS.slice(0, 1));
	db.prepare(
		`INSERT INTO assignments (id, join_code, dashboard_key_hash, title, module_slug, pass_mark, tries, reveal, created_at)
		 VALUES ('a1', 'ABC234', ?, 'Old class', 'every-type', 80, 2, 'immediate', 1)`
	).run(Buffer.from(hashSecret(KEY)));
	db.prepare(
		`INSERT INTO students (id, assignment_id, name, resume_code_hash, created_at, last_active_at)
		 VALUES ('s1', 'a1', 'Ada', ?, 2, 2)`
	).run(Buffer.from(hashSecret(RESUME)));
	db.close();
}

/** A cookie jar with SvelteKit's `Cookies` shape, recording what was set and deleted. */
function cookieJar() {
	const values = new Map<string, string>();
	const log: { name: string; value: string; options: object }[] = [];
	const cookies = {
		get: (name: string) => values.get(name),
		set: (name: string, value: string, options: object) => {
			values.set(name, value);
			log.push({ name, value, options });
		},
		delete: (name: string, options: object) => {
			values.delete(name);
			log.push({ name, value: '', options });
		}
	} as unknown as Cookies;
	return { cookies, values, log };
}

describe('hashed secrets', () => {
	it('keeps legacy SHA-256 keys and resume codes working after the migration, upgrading them to HMACs', async () => {
		legacyDatabase();
		const store = (repository = openRepository(dataDir));
		const secret = await store.secretKey();
		expect(secret.length).toBe(32);

		expect(await openDashboard(store, 'a1', KEY)).toMatchObject({ title: 'Old class' });
		expect(await store.dashboardKeyHash('a1')).toEqual({ hash: hmacSecret(secret, KEY), scheme: 'hmac' });
		expect(await openDashboard(store, 'a1', KEY)).toBeDefined();
		expect(await openDashboard(store, 'a1', `${KEY}x`)).toBeUndefined();

		expect((await findStudentByResumeCode(store, RESUME))?.student.name).toBe('Ada');
		const db = new Database(databaseFile(dataDir), { readonly: true });
		const row = db.prepare('SELECT resume_code_hash AS hash, resume_code_scheme AS scheme FROM students').get();
		db.close();
		expect(row).toEqual({ hash: Buffer.from(hmacSecret(secret, RESUME)), scheme: 'hmac' });
		expect((await findStudentByResumeCode(store, RESUME))?.student.name).toBe('Ada');
	});

	it('gives every store its own key, so the same code hashes differently in two stores', async () => {
		const first = openRepository(join(dataDir, 'one'));
		const second = openRepository(join(dataDir, 'two'));
		expect(await first.secretKey()).not.toEqual(await second.secretKey());
		first.close();
		second.close();
	});
});

describe('sessions', () => {
	it('signs a device in with a session of its own, which signing out retires: a replayed cookie is refused', async () => {
		legacyDatabase();
		const store = (repository = openRepository(dataDir));
		const found = await findStudentByResumeCode(store, RESUME);
		if (!found) throw new Error('no student');
		const jar = cookieJar();
		await signIn(store, jar.cookies, false, found, 10);
		const cookie = jar.values.get('bc_student_a1') ?? '';
		expect(cookie).toMatch(/^[\w-]{43}\.ABCDEFGHJKMN$/);
		expect((await signedInStudent(store, jar.cookies, 'a1'))?.student.id).toBe('s1');

		await signOut(store, jar.cookies, false, 'a1');
		const replayed = cookieJar();
		replayed.values.set('bc_student_a1', cookie);
		expect(await signedInStudent(store, replayed.cookies, 'a1')).toBeUndefined();
	});

	it('deletes the cookie with the attributes it was set with: Secure only over HTTPS', async () => {
		legacyDatabase();
		const store = (repository = openRepository(dataDir));
		const found = await findStudentByResumeCode(store, RESUME);
		if (!found) throw new Error('no student');
		for (const https of [false, true]) {
			const jar = cookieJar();
			await signIn(store, jar.cookies, https, found, 10);
			await signOut(store, jar.cookies, https, 'a1');
			const [set, deleted] = jar.log;
			const { maxAge, ...setAttributes } = set?.options as { maxAge: number };
			expect(maxAge).toBeGreaterThan(0);
			expect(deleted?.options).toEqual(setAttributes);
			expect(deleted?.options).toMatchObject({ secure: https, path: '/class/a1', httpOnly: true });
		}
	});

	it('refuses a cookie in the old form (a bare resume code)', async () => {
		legacyDatabase();
		const store = (repository = openRepository(dataDir));
		const jar = cookieJar();
		jar.values.set('bc_student_a1', RESUME);
		expect(await signedInStudent(store, jar.cookies, 'a1')).toBeUndefined();
	});
});
