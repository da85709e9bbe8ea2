/**
 * The one door to the classroom's data. The server opens the store once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`.
 *
 * Today the store is SQLite in `<DATA_DIR>/backchannel.sqlite`. A PostgreSQL store would be
 * chosen here (say, from `DATABASE_URL`) and implement the same `ClassroomRepository`.
 */
import { resolve } from 'node:path';
import type { ClassroomRepository } from './repository.ts';
import { openSqliteRepository } from './sqlite/sqlite-repository.ts';

export type * from './repository.ts';

export const DEFAULT_DATA_DIR = 'data';
export const DATABASE_FILE = 'backchannel.sqlite';

export function databaseFile(dataDir: string): string {
	return resolve(dataDir, DATABASE_FILE);
}

/** Opens (creating and migrating if needed) the store in `dataDir`. */
export function openRepository(dataDir: string): ClassroomRepository {
	return openSqliteRepository({ file: databaseFile(dataDir) });
}

let current: ClassroomRepository | undefined;

export function initRepository(dataDir: string = DEFAULT_DATA_DIR): ClassroomRepository {
	current ??= openRepository(dataDir);
	return current;
}

export function repository(): ClassroomRepository {
	if (!current) throw new Error('The classroom store is not open: initRepository() runs in the server init hook.');
	return current;
}

export function closeRepository(): void {
	current?.close();
	current = undefined;
}
