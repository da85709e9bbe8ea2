/** Migrations against real SQLite files in a temp folder: from empty, again, and refused when newer. */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile, openRepository } from '$lib/server/db';
import { LATEST_VERSION, migrate, MIGRATIONS, schemaVersion } from '$lib/server/db/sqlite/migrations';

const temps: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'backchannel-db-'));
	temps.push(dir);
	return dir;
}
afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tables(db: Database.Database): string[] {
	return db
		.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
		.all()
		.map((row) => row.name);
}

describe('the migration list', () => {
	it('numbers its migrations 1, 2, 3... in order', () => {
		const versions = MIGRATIONS.map((migration) => migration.version);
		expect(versions).toEqual(versions.map((_, index) => index + 1));
		expect(LATEST_VERSION).toBe(versions.at(-1));
	});
});

describe('migrate', () => {
	it('builds the whole schema in an empty database and records the version', () => {
		const db = new Database(join(tempDir(), 'empty.sqlite'));
		expect(schemaVersion(db)).toBe(0);
		const result = migrate(db);
		expect(result).toMatchObject({ from: 0, to: LATEST_VERSION });
		expect(result.applied).toHaveLength(MIGRATIONS.length);
		expect(tables(db)).toEqual([
			'assignment_lessons',
			'assignments',
			'limiter_events',
			'lti_deep_link_contexts',
			'lti_due_sweeps',
			'lti_instructor_sessions',
			'lti_landings',
			'lti_nonces',
			'lti_resource_links',
			'lti_score_outbox',
			'lti_states',
			'lti_students',
			'lti_tool_keys',
			'server_secrets',
			'sessions',
			'students',
			'submissions'
		]);
		db.close();
	});

	it('does nothing the second time', () => {
		const db = new Database(join(tempDir(), 'twice.sqlite'));
		migrate(db);
		expect(migrate(db)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION, applied: [] });
		db.close();
	});

	it('applies only the migrations a database lacks, in order', () => {
		const db = new Database(join(tempDir(), 'partial.sqlite'));
		const extra = [
			...MIGRATIONS,
			{
				version: LATEST_VERSION + 1,
				description: 'test: a later column',
				sql: 'ALTER TABLE students ADD COLUMN note TEXT'
			}
		];
		migrate(db);
		const result = migrate(db, extra);
		expect(result.applied.map((migration) => migration.version)).toEqual([LATEST_VERSION + 1]);
		expect(schemaVersion(db)).toBe(LATEST_VERSION + 1);
		db.close();
	});

	it('brings a version 1 database up to date, and its existing assignments become practice', () => {
		const db = new Database(join(tempDir(), 'version-1.sqlite'));
		migrate(
			db,
			MIGRATIONS.filter((migration) => migration.version === 1)
		);
		db.prepare(
			`INSERT INTO assignments (id, join_code, dashboard_key_hash, title, module_slug, pass_mark, tries, reveal, created_at)
			VALUES ('a1', 'ABC234', x'00', 'Old', 'every-type', 80, 2, 'immediate', 1)`
		).run();
		const result = migrate(db);
		expect(result.applied.map((migration) => migration.version)).toEqual([2, 3, 4, 5, 6]);
		expect(schemaVersion(db)).toBe(LATEST_VERSION);
		expect(db.prepare('SELECT mode, released_at FROM assignments').get()).toEqual({
			mode: 'practice',
			released_at: null
		});
		db.close();
	});

	it('refuses a migration list out of order instead of skipping one', () => {
		const db = new Database(join(tempDir(), 'order.sqlite'));
		const [first] = MIGRATIONS;
		if (!first) throw new Error('no migrations');
		expect(() =>
			migrate(db, [
				{ ...first, version: 5 },
				{ ...first, version: 4 }
			])
		).toThrow(/versions must increase/);
		db.close();
	});

	it('leaves the previous version intact when a migration fails', () => {
		const db = new Database(join(tempDir(), 'broken.sqlite'));
		migrate(db);
		const broken = [
			...MIGRATIONS,
			{
				version: LATEST_VERSION + 1,
				description: 'test: broken',
				sql: 'CREATE TABLE x (a); SELECT nonsense FROM nowhere;'
			}
		];
		expect(() => migrate(db, broken)).toThrow(/no such table: nowhere/);
		expect(schemaVersion(db)).toBe(LATEST_VERSION);
		expect(tables(db)).not.toContain('x');
		db.close();
	});

	it('refuses a database written by a newer release, saying so', () => {
		const file = join(tempDir(), 'newer.sqlite');
		const db = new Database(file);
		db.pragma(`user_version = ${LATEST_VERSION + 5}`);
		expect(() => migrate(db)).toThrow(
			new RegExp(
				`schema version ${LATEST_VERSION + 5}, but this release of Backchannel knows versions up to ${LATEST_VERSION}`
			)
		);
		db.close();
	});
});

describe('openRepository', () => {
	it('creates the data folder and the database file, migrated, in WAL mode', () => {
		const dataDir = join(tempDir(), 'nested', 'data');
		const repository = openRepository(dataDir);
		repository.close();
		const db = new Database(databaseFile(dataDir), { readonly: true });
		expect(schemaVersion(db)).toBe(LATEST_VERSION);
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		db.close();
	});
});
