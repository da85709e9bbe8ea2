/**
 * The connection pool the PostgreSQL store uses, with `bigint` read as numbers, and its
 * transaction helper.
 */
import pg from 'pg';

const INT8_OID = 20;

/**
 * `bigint` columns (times in ms) and `count(*)` arrive as numbers, not strings. Safe: times and
 * counts stay far below 2^53; a value beyond it would fail loudly rather than lose digits.
 */
const types: pg.CustomTypesConfig = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
		if (oid === INT8_OID && format !== 'binary') {
			return (value: string) => {
				const parsed = Number(value);
				if (!Number.isSafeInteger(parsed)) throw new Error(`bigint ${value} does not fit a JavaScript number`);
				return parsed;
			};
		}
		return pg.types.getTypeParser(oid, format);
	}) as pg.CustomTypesConfig['getTypeParser']
};

export function isUniqueViolation(error: unknown, constraint: string): boolean {
	return error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === constraint;
}

export function createPool(url: string, maxConnections: number): pg.Pool {
	const pool = new pg.Pool({
		connectionString: url,
		max: maxConnections,
		types,
		// A request waits at most this long for a connection (a busy pool, an unreachable server), then
		// fails with an error the student can retry, rather than hanging until the proxy gives up.
		connectionTimeoutMillis: 10_000
	});
	// An idle connection the server drops (a restart, a failover) must not crash the process: the
	// pool discards it and the next query opens another.
	pool.on('error', (error) => console.error('PostgreSQL: an idle connection failed:', error.message));
	return pool;
}

/** Runs `work` in one transaction on one connection: committed before it resolves, rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		const result = await work(client);
		await client.query('COMMIT');
		client.release();
		return result;
	} catch (error) {
		// A connection that cannot even roll back is broken: destroy it rather than reuse it.
		const broken = await client.query('ROLLBACK').then(
			() => undefined,
			(rollbackError: unknown) => (rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)))
		);
		client.release(broken);
		throw error;
	}
}
