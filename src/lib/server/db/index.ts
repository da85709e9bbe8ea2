/**
 * The one door to the classroom's data. The server opens the stores once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`, `ltiStore()`
 * or `sqliteDatabase()`.
 *
 * `DATABASE_URL=postgres://…` selects PostgreSQL, for several app processes sharing one
 * database. Without it the store is SQLite in `<DATA_DIR>/backchannel.sqlite`, created on first
 * start, so `npm start` needs no set-up. Both implement the same `ClassroomRepository`; the LTI
 * store and the LTI score outbox keep their tables in the same database as the classroom.
 */
import type { Database } from 'better-sqlite3';
import { resolve } from 'node:path';
import type { LtiStore } from '$lib/server/lti/store';
import { openPostgresRepository } from './postgres/postgres-repository.ts';
import type { ClassroomRepository } from './repository.ts';
import { sqliteLtiStore } from './sqlite/sqlite-lti-store.ts';
import {
	openSqliteDatabase,
	openSqliteRepository,
	type SqliteClassroomRepository
} from './sqlite/sqlite-repository.ts';

export type * from './repository.ts';
export type { SqliteClassroomRepository } from './sqlite/sqlite-repository.ts';

export const DEFAULT_DATA_DIR = 'data';
export const DATABASE_FILE = 'backchannel.sqlite';

export function databaseFile(dataDir: string): string {
	return resolve(dataDir, DATABASE_FILE);
}

/** The stores on one database. `lti` and `database` are there on SQLite only, for now. */
export interface Stores {
	classroom: ClassroomRepository;
	lti?: LtiStore;
	/** The SQLite handle other stores share (the LTI score outbox). */
	database?: Database;
}

/**
 * The classroom store and the LTI store on one SQLite database file (created and migrated if
 * needed); closing the classroom store closes both.
 */
export function openStores(dataDir: string): {
	classroom: SqliteClassroomRepository;
	lti: LtiStore;
	database: Database;
} {
	const database = openSqliteDatabase(databaseFile(dataDir));
	return { classroom: openSqliteRepository({ database }), lti: sqliteLtiStore(database), database };
}

/** Opens (creating and migrating if needed) the SQLite store in `dataDir`. */
export function openRepository(dataDir: string): SqliteClassroomRepository {
	return openStores(dataDir).classroom;
}

export interface StoreConfig {
	/** `postgres://` or `postgresql://`: PostgreSQL. Empty or missing: SQLite in `dataDir`. */
	databaseUrl?: string;
	dataDir?: string;
}

export function isPostgresUrl(url: string | undefined): url is string {
	return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the stores the configuration names (migrating them first), as the server does at start-up. */
export async function openConfiguredStores(config: StoreConfig): Promise<Stores> {
	if (isPostgresUrl(config.databaseUrl))
		return { classroom: await openPostgresRepository({ url: config.databaseUrl }) };
	if (config.databaseUrl)
		throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite in DATA_DIR)');
	return openStores(config.dataDir || DEFAULT_DATA_DIR);
}

/** The classroom store the configuration names (see `openConfiguredStores`). */
export async function openConfiguredRepository(config: StoreConfig): Promise<ClassroomRepository> {
	return (await openConfiguredStores(config)).classroom;
}

let current: Promise<Stores> | undefined;
let opened: Stores | undefined;

export async function initRepository(config: StoreConfig = {}): Promise<ClassroomRepository> {
	current ??= openConfiguredStores(config).then(
		(stores) => (opened = stores),
		(error: unknown) => {
			current = undefined;
			throw error;
		}
	);
	return (await current).classroom;
}

function openedStores(): Stores {
	if (!opened) throw new Error('The classroom store is not open: initRepository() runs in the server init hook.');
	return opened;
}

export function repository(): ClassroomRepository {
	return openedStores().classroom;
}

/** Whether LTI can run on the open store (its PostgreSQL tables are not written yet). */
export function hasLtiStore(): boolean {
	return openedStores().lti !== undefined;
}

/** LTI's keys, launch states, LMS users and resource links (src/lib/server/lti/store.ts). */
export function ltiStore(): LtiStore {
	const { lti } = openedStores();
	if (!lti) throw new Error('LTI runs on the SQLite store only for now: unset DATABASE_URL to use it.');
	return lti;
}

/**
 * The open SQLite handle of the classroom store, for stores that keep their tables in the same
 * file and so commit on the same disk with the same guarantees (the LTI score outbox:
 * `new SqliteOutboxStore(sqliteDatabase())`). Undefined on PostgreSQL.
 */
export function sqliteDatabase(): Database | undefined {
	return openedStores().database;
}

export async function closeRepository(): Promise<void> {
	const stores = opened;
	current = undefined;
	opened = undefined;
	await stores?.classroom.close();
}
