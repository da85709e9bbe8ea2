/**
 * The one door to the classroom's data. The server opens the store once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`.
 *
 * Today the store is SQLite in `<DATA_DIR>/backchannel.sqlite`. A PostgreSQL store would be
 * chosen here (say, from `DATABASE_URL`) and implement the same `ClassroomRepository`.
 */
import { resolve } from 'node:path';
import type { LtiStore } from '$lib/server/lti/store';
import type { ClassroomRepository } from './repository.ts';
import { sqliteLtiStore } from './sqlite/sqlite-lti-store.ts';
import { openSqliteDatabase, openSqliteRepository } from './sqlite/sqlite-repository.ts';

export type * from './repository.ts';

export const DEFAULT_DATA_DIR = 'data';
export const DATABASE_FILE = 'backchannel.sqlite';

export function databaseFile(dataDir: string): string {
	return resolve(dataDir, DATABASE_FILE);
}

/** Opens (creating and migrating if needed) the store in `dataDir`. */
export function openRepository(dataDir: string): ClassroomRepository {
	return openStores(dataDir).classroom;
}

/**
 * The classroom store and the LTI store on one database handle; closing the classroom store
 * closes both.
 */
export function openStores(dataDir: string): { classroom: ClassroomRepository; lti: LtiStore } {
	const database = openSqliteDatabase(databaseFile(dataDir));
	return { classroom: openSqliteRepository({ database }), lti: sqliteLtiStore(database) };
}

let current: { classroom: ClassroomRepository; lti: LtiStore } | undefined;

export function initRepository(dataDir: string = DEFAULT_DATA_DIR): ClassroomRepository {
	current ??= openStores(dataDir);
	return current.classroom;
}

export function repository(): ClassroomRepository {
	if (!current) throw new Error('The classroom store is not open: initRepository() runs in the server init hook.');
	return current.classroom;
}

/** LTI's keys, launch states, LMS users and resource links (src/lib/server/lti/store.ts). */
export function ltiStore(): LtiStore {
	if (!current) throw new Error('The LTI store is not open: initRepository() runs in the server init hook.');
	return current.lti;
}

export function closeRepository(): void {
	current?.classroom.close();
	current = undefined;
}
