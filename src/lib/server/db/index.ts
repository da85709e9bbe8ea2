/**
 * The one door to the classroom's data. The server opens the store once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`.
 *
 * Today the store is SQLite in `<DATA_DIR>/backchannel.sqlite`. A PostgreSQL store would be
 * chosen here (say, from `DATABASE_URL`) and implement the same `ClassroomRepository`.
 */
import type { Database } from 'better-sqlite3';
import { resolve } from 'node:path';
import type { ClassroomRepository } from './repository.ts';
import { openSqliteRepository, type SqliteClassroomRepository } from './sqlite/sqlite-repository.ts';

export type * from './repository.ts';
export type { SqliteClassroomRepository } from './sqlite/sqlite-repository.ts';

export const DEFAULT_DATA_DIR = 'data';
export const DATABASE_FILE = 'backchannel.sqlite';

export function databaseFile(dataDir: string): string {
	return resolve(dataDir, DATABASE_FILE);
}

/** Opens (creating and migrating if needed) the store in `dataDir`. */
export function openRepository(dataDir: string): SqliteClassroomRepository {
	return openSqliteRepository({ file: databaseFile(dataDir) });
}

let current: SqliteClassroomRepository | undefined;

export function initRepository(dataDir: string = DEFAULT_DATA_DIR): SqliteClassroomRepository {
	current ??= openRepository(dataDir);
	return current;
}

function openStore(): SqliteClassroomRepository {
	if (!current) throw new Error('The classroom store is not open: initRepository() runs in the server init hook.');
	return current;
}

export function repository(): ClassroomRepository {
	return openStore();
}

/**
 * The open SQLite handle of the classroom store, for stores that keep their tables in the same
 * file and so commit on the same disk with the same guarantees (the LTI score outbox:
 * `new SqliteOutboxStore(sqliteDatabase())`).
 */
export function sqliteDatabase(): Database {
	return openStore().database;
}

export function closeRepository(): void {
	current?.close();
	current = undefined;
}
