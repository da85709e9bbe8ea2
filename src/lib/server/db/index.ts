/**
 * The one door to the classroom's data. The server opens the store once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`.
 *
 * `DATABASE_URL=postgres://…` selects PostgreSQL, for several app processes sharing one
 * database. Without it the store is SQLite in `<DATA_DIR>/backchannel.sqlite`, created on first
 * start, so `npm start` needs no set-up. Both implement the same `ClassroomRepository`.
 */
import type { Database } from 'better-sqlite3';
import { resolve } from 'node:path';
import { openPostgresRepository } from './postgres/postgres-repository.ts';
import type { ClassroomRepository } from './repository.ts';
import { openSqliteRepository, type SqliteClassroomRepository } from './sqlite/sqlite-repository.ts';

export type * from './repository.ts';
export type { SqliteClassroomRepository } from './sqlite/sqlite-repository.ts';

export const DEFAULT_DATA_DIR = 'data';
export const DATABASE_FILE = 'backchannel.sqlite';

export function databaseFile(dataDir: string): string {
	return resolve(dataDir, DATABASE_FILE);
}

/** Opens (creating and migrating if needed) the SQLite store in `dataDir`. */
export function openRepository(dataDir: string): SqliteClassroomRepository {
	return openSqliteRepository({ file: databaseFile(dataDir) });
}

export interface StoreConfig {
	/** `postgres://` or `postgresql://`: PostgreSQL. Empty or missing: SQLite in `dataDir`. */
	databaseUrl?: string;
	dataDir?: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the store the configuration names (migrating it first), as the server does at start-up. */
export async function openConfiguredRepository(config: StoreConfig): Promise<ClassroomRepository> {
	if (isPostgresUrl(config.databaseUrl)) return openPostgresRepository({ url: config.databaseUrl });
	if (config.databaseUrl)
		throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite in DATA_DIR)');
	return openRepository(config.dataDir || DEFAULT_DATA_DIR);
}

let current: Promise<ClassroomRepository> | undefined;
let opened: ClassroomRepository | undefined;

export async function initRepository(config: StoreConfig = {}): Promise<ClassroomRepository> {
	current ??= openConfiguredRepository(config).then(
		(store) => (opened = store),
		(error: unknown) => {
			current = undefined;
			throw error;
		}
	);
	return current;
}

export function repository(): ClassroomRepository {
	if (!opened) throw new Error('The classroom store is not open: initRepository() runs in the server init hook.');
	return opened;
}

/**
 * The open SQLite handle of the classroom store, for stores that keep their tables in the same
 * file and so commit on the same disk with the same guarantees (the LTI score outbox:
 * `new SqliteOutboxStore(sqliteDatabase())`). Undefined on PostgreSQL.
 */
export function sqliteDatabase(): Database | undefined {
	const store = repository();
	return 'database' in store ? (store as SqliteClassroomRepository).database : undefined;
}

export async function closeRepository(): Promise<void> {
	const store = opened;
	current = undefined;
	opened = undefined;
	await store?.close();
}
