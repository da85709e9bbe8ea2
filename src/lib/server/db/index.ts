/**
 * The one door to the classroom's data. The server opens the stores once at start-up
 * (`initRepository`, from `hooks.server.ts`); everything else asks `repository()`, `ltiStore()`
 * or `outboxStore()`.
 *
 * `DATABASE_URL=postgres://…` selects PostgreSQL, for several app processes sharing one
 * database. Without it the store is SQLite in `<DATA_DIR>/backchannel.sqlite`, created on first
 * start, so `npm start` needs no set-up. Both implement the same `ClassroomRepository`; the LTI
 * store and the LTI score outbox keep their tables in the same database as the classroom, on
 * either engine.
 */
import { resolve } from 'node:path';
import { SqliteOutboxStore, type OutboxStore } from '../lti/ags/outbox-store.ts';
import { SqliteDueSweepStore, type DueSweepStore } from '../lti/due-sweep-store.ts';
import type { LtiStore } from '$lib/server/lti/store';
import { postgresLtiStore } from './postgres/postgres-lti-store.ts';
import { PostgresDueSweepStore } from './postgres/postgres-due-sweep-store.ts';
import { PostgresOutboxStore } from './postgres/postgres-outbox-store.ts';
import { openPostgresPool, postgresRepository } from './postgres/postgres-repository.ts';
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

/** The stores on one database; closing the classroom store closes the others. */
export interface Stores {
	classroom: ClassroomRepository;
	lti: LtiStore;
	/** Where LTI scores wait for the LMS gradebook. */
	outbox: OutboxStore;
	/** Which due dates have had their withheld scores sent to the LMS. */
	dueSweeps: DueSweepStore;
}

/**
 * The classroom, LTI, outbox and due-sweep stores on one SQLite database file (created and
 * migrated if needed); closing the classroom store closes them all.
 */
export function openStores(dataDir: string): Stores & { classroom: SqliteClassroomRepository } {
	const database = openSqliteDatabase(databaseFile(dataDir));
	return {
		classroom: openSqliteRepository({ database }),
		lti: sqliteLtiStore(database),
		outbox: new SqliteOutboxStore(database),
		dueSweeps: new SqliteDueSweepStore(database)
	};
}

/**
 * The four stores on one PostgreSQL database, sharing one pool (migrated before it resolves);
 * closing the classroom store ends the pool.
 */
export async function openPostgresStores(options: { url: string; maxConnections?: number }): Promise<Stores> {
	const pool = await openPostgresPool(options);
	return {
		classroom: postgresRepository(pool),
		lti: postgresLtiStore(pool),
		outbox: new PostgresOutboxStore(pool),
		dueSweeps: new PostgresDueSweepStore(pool)
	};
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
	if (isPostgresUrl(config.databaseUrl)) return openPostgresStores({ url: config.databaseUrl });
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

/** LTI's keys, launch states, LMS users and resource links (src/lib/server/lti/store.ts). */
export function ltiStore(): LtiStore {
	return openedStores().lti;
}

/** The LTI score outbox's table in the same database (src/lib/server/lti/ags/outbox-store.ts). */
export function outboxStore(): OutboxStore {
	return openedStores().outbox;
}

/** The LTI due sweeps' table in the same database (src/lib/server/lti/due-sweep-store.ts). */
export function dueSweepStore(): DueSweepStore {
	return openedStores().dueSweeps;
}

export async function closeRepository(): Promise<void> {
	const stores = opened;
	current = undefined;
	opened = undefined;
	await stores?.classroom.close();
}
