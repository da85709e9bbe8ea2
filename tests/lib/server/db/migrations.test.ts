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
	it('numbers its migrations 1, 2, 3… with no gap', () => {
		expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
		expect(LATEST_VERSION).toBe(MIGRATIONS.length);
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
