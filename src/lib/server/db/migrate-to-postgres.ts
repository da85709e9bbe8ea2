/**
 * `DATABASE_URL=postgres://… npm run db:migrate-to-postgres [-- <sqlite file>]`: copies a school's
 * SQLite store (default `$DATA_DIR/backchannel.sqlite`, DATA_DIR defaulting to `data`) into an
 * empty PostgreSQL database, checks the row counts and prints them. Stop the app first, so that
 * no answer arrives in SQLite after the copy. Errors are one clear line and exit code 1.
 */
import { existsSync } from 'node:fs';
import { copySqliteToPostgres } from './copy-to-postgres.ts';
import { databaseFile, DEFAULT_DATA_DIR, isPostgresUrl } from './index.ts';

async function main(): Promise<number> {
	const databaseUrl = process.env.DATABASE_URL;
	if (!isPostgresUrl(databaseUrl)) {
		console.error('Set DATABASE_URL to the PostgreSQL database to move into (postgres://user@host:port/name).');
		return 1;
	}
	const sqliteFile = process.argv[2] ?? databaseFile(process.env.DATA_DIR || DEFAULT_DATA_DIR);
	if (!existsSync(sqliteFile)) {
		console.error(`There is no SQLite store at ${sqliteFile}.`);
		return 1;
	}
	try {
		const counts = await copySqliteToPostgres(sqliteFile, databaseUrl);
		console.log(`Copied ${sqliteFile} into PostgreSQL; rows per table, checked against SQLite:`);
		for (const { table, rows } of counts) console.log(`  ${table.padEnd(20)} ${rows}`);
		return 0;
	} catch (error) {
		console.error(`Nothing was copied: ${error instanceof Error ? error.message : String(error)}`);
		return 1;
	}
}

process.exitCode = await main();
