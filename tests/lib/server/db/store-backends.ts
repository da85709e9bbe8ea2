/**
 * The two engines behind `ClassroomRepository`, for tests that run the same contract against
 * both: SQLite on a file in a temp folder, PostgreSQL on a throwaway cluster (one per test file,
 * started in `setUp`). Never a mock.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { databaseFile, openPostgresStores, openStores, type ClassroomRepository, type Stores } from '$lib/server/db';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';

export interface StoreBackend {
	readonly name: 'SQLite' | 'PostgreSQL';
	/** Once per file (beforeAll): starts what the engine needs. */
	setUp(): Promise<void>;
	tearDown(): Promise<void>;
	/** A store with no data in it. */
	open(): Promise<ClassroomRepository>;
	/** Another store on the same data as the last `open()` (a restart, or a second process). */
	reopen(): Promise<ClassroomRepository>;
	/** The classroom, LTI and outbox stores on one database with no data in it; `classroom.close()` closes all. */
	openStores(): Promise<Stores>;
	/** The three stores again on the same data as the last open (a restart, or a second process). */
	reopenStores(): Promise<Stores>;
	/** What a child process passes to `openConfiguredRepository`: a folder or a URL. */
	location(): string;
	/** Rows in a table, read behind the repository's back. */
	countRows(table: string): Promise<number>;
	/** One column of every row of a table as the engine stores it, read behind the repository's back. */
	columnValues(table: string, column: string): Promise<unknown[]>;
}

export function sqliteBackend(): StoreBackend {
	let dataDir: string | undefined;
	const folder = () => {
		if (!dataDir) throw new Error('open() the SQLite store first');
		return dataDir;
	};
	const drop = () => dataDir && rmSync(dataDir, { recursive: true, force: true });
	const openNew = () => {
		drop();
		dataDir = mkdtempSync(join(tmpdir(), 'backchannel-store-'));
		return openStores(dataDir);
	};
	return {
		name: 'SQLite',
		async setUp() {},
		async tearDown() {
			drop();
		},
		async open() {
			return openNew().classroom;
		},
		async reopen() {
			return openStores(folder()).classroom;
		},
		async openStores() {
			return openNew();
		},
		async reopenStores() {
			return openStores(folder());
		},
		location: folder,
		async countRows(table) {
			const db = new Database(databaseFile(folder()), { readonly: true });
			try {
				return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
			} finally {
				db.close();
			}
		},
		async columnValues(table, column) {
			const db = new Database(databaseFile(folder()), { readonly: true });
			try {
				return db.prepare<[], unknown>(`SELECT ${column} FROM ${table}`).pluck().all();
			} finally {
				db.close();
			}
		}
	};
}

/** Empties every table but the migration record, so each test starts from a new store's state. */
async function emptyTables(url: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const { rows } = await client.query<{ name: string }>(
			"SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'"
		);
		if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((row) => row.name).join(', ')} CASCADE`);
	} finally {
		await client.end();
	}
}

export function postgresBackend(options: { fsync?: boolean } = { fsync: false }): StoreBackend {
	let cluster: PostgresCluster | undefined;
	let url: string | undefined;
	const databaseUrl = () => {
		if (!url) throw new Error('setUp() the PostgreSQL backend first (in beforeAll)');
		return url;
	};
	const openEmpty = async () => {
		const stores = await openPostgresStores({ url: databaseUrl() });
		await emptyTables(databaseUrl());
		return stores;
	};
	return {
		name: 'PostgreSQL',
		async setUp() {
			cluster = await startPostgresCluster(options);
			url = await cluster.createDatabase('backchannel_test');
		},
		async tearDown() {
			cluster?.stop();
			cluster = undefined;
			url = undefined;
		},
		async open() {
			return (await openEmpty()).classroom;
		},
		async reopen() {
			return (await openPostgresStores({ url: databaseUrl() })).classroom;
		},
		openStores: openEmpty,
		async reopenStores() {
			return openPostgresStores({ url: databaseUrl() });
		},
		location: databaseUrl,
		async countRows(table) {
			const client = new pg.Client({ connectionString: databaseUrl() });
			await client.connect();
			try {
				const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
				return Number(rows[0]?.n ?? 0);
			} finally {
				await client.end();
			}
		},
		async columnValues(table, column) {
			const client = new pg.Client({ connectionString: databaseUrl() });
			await client.connect();
			try {
				const { rows } = await client.query<Record<string, unknown>>(`SELECT ${column} AS value FROM ${table}`);
				return rows.map((row) => row.value);
			} finally {
				await client.end();
			}
		}
	};
}

export const BACKENDS = [sqliteBackend, postgresBackend] as const;
