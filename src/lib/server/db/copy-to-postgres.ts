/**
 * Moves a school's SQLite store into PostgreSQL: every row of every table, in one PostgreSQL
 * transaction, the counts per table checked before it commits. The HMAC key goes with the rows,
 * so resume codes, dashboard keys and signed-in devices keep working after the move.
 *
 * Refuses a target that holds any data (a store that has served even one request has made its
 * own key), and a SQLite file whose schema version PostgreSQL's migrations do not have yet: a
 * table this release cannot place is an error, never silently left behind.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresRepository } from './postgres/postgres-repository.ts';
import { openSqliteRepository } from './sqlite/sqlite-repository.ts';
import { schemaVersion } from './sqlite/migrations.ts';
import { POSTGRES_LATEST_VERSION } from './postgres/migrations.ts';

export interface TableCount {
	table: string;
	rows: number;
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bound parameters for any of our tables. */
const BATCH = 500;

/** Tables in an order that inserts every referenced row before the rows referring to it. */
function tablesInForeignKeyOrder(db: Database.Database): string[] {
	const tables = db
		.prepare<[], { name: string }>(
			"SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
		)
		.all()
		.map((row) => row.name);
	const ordered: string[] = [];
	const visit = (table: string, path: string[]) => {
		if (ordered.includes(table)) return;
		if (path.includes(table)) throw new Error(`foreign keys form a cycle: ${[...path, table].join(' -> ')}`);
		const parents = db
			.prepare<[string], { table: string }>('SELECT "table" FROM pragma_foreign_key_list(?)')
			.all(table)
			.map((row) => row.table);
		for (const parent of parents) if (parent !== table) visit(parent, [...path, table]);
		ordered.push(table);
	};
	for (const table of tables) visit(table, []);
	return ordered;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function copySqliteToPostgres(sqliteFile: string, databaseUrl: string): Promise<TableCount[]> {
	// Opening through the repositories brings both schemas up to this release's latest version.
	await openSqliteRepository({ file: sqliteFile }).close();
	await (await openPostgresRepository({ url: databaseUrl })).close();

	const source = new Database(sqliteFile, { readonly: true });
	const target = new pg.Client({ connectionString: databaseUrl });
	await target.connect();
	try {
		const version = schemaVersion(source);
		if (version !== POSTGRES_LATEST_VERSION)
			throw new Error(
				`${sqliteFile} has schema version ${version}, but PostgreSQL's migrations reach ${POSTGRES_LATEST_VERSION}: ` +
					'add the missing PostgreSQL migrations before moving this store.'
			);
		const tables = tablesInForeignKeyOrder(source);
		await target.query('BEGIN');
		// Another process must not write into the target while it is checked empty and filled.
		await target.query(`LOCK TABLE ${tables.map(quote).join(', ')} IN EXCLUSIVE MODE`);
		const counts: TableCount[] = [];
		for (const table of tables) {
			const existing = await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`);
			if (Number(existing.rows[0]?.n) > 0)
				throw new Error(`the PostgreSQL database already holds data (table ${table}): move into an empty one`);
		}
		for (const table of tables) {
			const booleans = new Set(
				(
					await target.query<{ column_name: string }>(
						"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'boolean'",
						[table]
					)
				).rows.map((row) => row.column_name)
			);
			const columns = source
				.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?) ORDER BY cid')
				.all(table)
				.map((row) => row.name);
			const rows = source.prepare(`SELECT ${columns.map(quote).join(', ')} FROM ${quote(table)}`).raw();
			let batch: unknown[][] = [];
			const flush = async () => {
				if (batch.length === 0) return;
				const placeholders = batch.map(
					(_, row) => `(${columns.map((__, column) => `$${row * columns.length + column + 1}`).join(', ')})`
				);
				await target.query(
					`INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${placeholders.join(', ')}`,
					// SQLite keeps booleans as 0 and 1.
					batch.flatMap((values) =>
						values.map((value, index) => (booleans.has(columns[index] ?? '') ? value === 1 : value))
					)
				);
				batch = [];
			};
			for (const row of rows.iterate() as Iterable<unknown[]>) {
				batch.push(row);
				if (batch.length === BATCH) await flush();
			}
			await flush();
			const expected = source.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`).get()?.n ?? 0;
			const copied = Number(
				(await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table)}`)).rows[0]?.n ?? -1
			);
			if (copied !== expected) throw new Error(`${table}: ${expected} rows in SQLite but ${copied} in PostgreSQL`);
			// Ids were copied as they were (the outbox is ordered by them): new rows must number after them.
			const numbered = await target.query<{ column_name: string }>(
				`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1
				AND pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL`,
				[table]
			);
			for (const { column_name: column } of numbered.rows)
				await target.query(
					`SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${quote(column)}), 0) + 1, false) FROM ${quote(table)}`,
					[quote(table), column]
				);
			counts.push({ table, rows: copied });
		}
		await target.query('COMMIT');
		return counts;
	} catch (error) {
		await target.query('ROLLBACK').catch(() => undefined);
		throw error;
	} finally {
		await target.end();
		source.close();
	}
}
