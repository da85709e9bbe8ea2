/**
 * The PostgreSQL schema as an ordered list of migrations, numbered like the SQLite ones
 * (`../sqlite/migrations.ts`) so that version N means the same tables on both engines. The
 * `schema_migrations` table lists the versions applied. Opening the store applies the missing
 * ones in a single transaction that first takes a transaction-scoped advisory lock: when several
 * app processes start together, one migrates and the others wait for it, then find nothing to do.
 * PostgreSQL's DDL is transactional, so a crash mid-migration leaves the previous version intact.
 *
 * Types: ids and slugs `text`, hashes `bytea`, times `bigint` milliseconds (read back as numbers),
 * scores `double precision`, answers canonical JSON `text` (compared as strings, as in SQLite;
 * `jsonb` would reorder keys itself). Never edit a migration that has shipped: add the next one.
 */
import type { ClientBase } from 'pg';

export interface PostgresMigration {
	version: number;
	description: string;
	sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
	{
		version: 1,
		description: 'assignments, their lessons, students and submissions',
		sql: `
			CREATE TABLE assignments (
				id text PRIMARY KEY,
				join_code text NOT NULL UNIQUE,
				dashboard_key_hash bytea NOT NULL,
				title text NOT NULL,
				module_slug text NOT NULL,
				due_at bigint,
				pass_mark integer NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
				tries integer NOT NULL CHECK (tries >= 1),
				reveal text NOT NULL CHECK (reveal IN ('immediate', 'after-due')),
				closed_at bigint,
				created_at bigint NOT NULL
			);

			CREATE TABLE assignment_lessons (
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				position integer NOT NULL,
				lesson_slug text NOT NULL,
				PRIMARY KEY (assignment_id, position),
				UNIQUE (assignment_id, lesson_slug)
			);

			CREATE TABLE students (
				id text PRIMARY KEY,
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				name text NOT NULL,
				resume_code_hash bytea NOT NULL UNIQUE,
				created_at bigint NOT NULL,
				last_active_at bigint NOT NULL
			);
			CREATE INDEX students_by_assignment ON students (assignment_id);

			-- The primary key is what makes a hand-in idempotent across processes.
			CREATE TABLE submissions (
				student_id text NOT NULL REFERENCES students (id) ON DELETE CASCADE,
				question_id text NOT NULL,
				lesson_slug text NOT NULL,
				try_number integer NOT NULL CHECK (try_number >= 1),
				response text NOT NULL,
				score double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
				correct boolean NOT NULL,
				submitted_at bigint NOT NULL,
				PRIMARY KEY (student_id, question_id, try_number)
			);
		`
	},
	{
		version: 2,
		description: 'sessions that sign-out retires, HMAC-hashed secrets, persisted guess and join counters',
		sql: `
			-- The HMAC key, made on first use by whichever process asks first (see secretKey()).
			CREATE TABLE server_secrets (
				name text PRIMARY KEY,
				value bytea NOT NULL
			);

			ALTER TABLE assignments ADD COLUMN dashboard_key_scheme text NOT NULL DEFAULT 'sha256'
				CHECK (dashboard_key_scheme IN ('sha256', 'hmac'));
			ALTER TABLE students ADD COLUMN resume_code_scheme text NOT NULL DEFAULT 'sha256'
				CHECK (resume_code_scheme IN ('sha256', 'hmac'));

			CREATE TABLE sessions (
				token_hash bytea PRIMARY KEY,
				student_id text NOT NULL REFERENCES students (id) ON DELETE CASCADE,
				created_at bigint NOT NULL
			);
			CREATE INDEX sessions_by_student ON sessions (student_id);

			CREATE TABLE limiter_events (
				bucket text NOT NULL,
				at bigint NOT NULL
			);
			CREATE INDEX limiter_events_by_bucket ON limiter_events (bucket, at);
			-- pruneEvents deletes by time alone.
			CREATE INDEX limiter_events_by_time ON limiter_events (at);
		`
	},
	{
		version: 3,
		description: 'assignment mode (practice or assessed) and the teacher releasing the answers',
		sql: `
			ALTER TABLE assignments ADD COLUMN mode text NOT NULL DEFAULT 'practice'
				CHECK (mode IN ('practice', 'assessed'));
			ALTER TABLE assignments ADD COLUMN released_at bigint;
		`
	},
	{
		version: 4,
		description: 'LTI 1.3: tool keys, launch states and nonces, LMS users and resource links, hand-offs',
		sql: `
			-- The tool's RS256 keys. Retired keys stay listed (not published) so the history is kept.
			CREATE TABLE lti_tool_keys (
				kid text PRIMARY KEY,
				private_jwk text NOT NULL,
				public_jwk text NOT NULL,
				created_at bigint NOT NULL,
				retired_at bigint
			);

			CREATE TABLE lti_states (
				state text PRIMARY KEY,
				issuer text NOT NULL,
				client_id text NOT NULL,
				nonce text NOT NULL,
				created_at bigint NOT NULL,
				expires_at bigint NOT NULL
			);

			-- A nonce is used once per issuer: a replayed id token fails on this key.
			CREATE TABLE lti_nonces (
				issuer text NOT NULL,
				nonce text NOT NULL,
				expires_at bigint NOT NULL,
				PRIMARY KEY (issuer, nonce)
			);

			CREATE TABLE lti_students (
				issuer text NOT NULL,
				subject text NOT NULL,
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				student_id text NOT NULL UNIQUE REFERENCES students (id) ON DELETE CASCADE,
				client_id text NOT NULL,
				deployment_id text NOT NULL,
				resource_link_id text NOT NULL,
				created_at bigint NOT NULL,
				PRIMARY KEY (issuer, subject, assignment_id)
			);

			CREATE TABLE lti_resource_links (
				issuer text NOT NULL,
				deployment_id text NOT NULL,
				resource_link_id text NOT NULL,
				client_id text NOT NULL,
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				context_id text,
				line_item_url text,
				line_items_url text,
				ags_scopes text NOT NULL,
				updated_at bigint NOT NULL,
				PRIMARY KEY (issuer, deployment_id, resource_link_id)
			);
			CREATE INDEX lti_resource_links_by_assignment ON lti_resource_links (assignment_id);

			-- One-time tickets from a launch to the page it lands on (see src/routes/lti/landing).
			CREATE TABLE lti_landings (
				ticket_hash bytea PRIMARY KEY,
				kind text NOT NULL CHECK (kind IN ('student', 'instructor')),
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				student_id text REFERENCES students (id) ON DELETE CASCADE,
				issuer text,
				subject text,
				expires_at bigint NOT NULL
			);
			-- Deleting a student looks up its landings (SQLite's rowid tables scan; here an index is cheap).
			CREATE INDEX lti_landings_by_student ON lti_landings (student_id);

			CREATE TABLE lti_instructor_sessions (
				token_hash bytea PRIMARY KEY,
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				issuer text NOT NULL,
				subject text NOT NULL,
				expires_at bigint NOT NULL
			);

			CREATE TABLE lti_deep_link_contexts (
				token_hash bytea PRIMARY KEY,
				issuer text NOT NULL,
				client_id text NOT NULL,
				deployment_id text NOT NULL,
				return_url text NOT NULL,
				data text,
				accept_line_item boolean NOT NULL,
				expires_at bigint NOT NULL
			);
		`
	},
	{
		version: 5,
		description: 'the LTI score outbox: scores waiting to be posted to an LMS gradebook',
		sql: `
			-- One row per score not yet accepted by the platform (src/lib/server/lti/ags/outbox.ts); see
			-- SQLite's migration 5. Ordered by id, oldest first. A copied SQLite store brings its ids
			-- along, so the copy moves the sequence past them (copy-to-postgres.ts). bigserial rather
			-- than an identity column: the same, and it keeps the schema within PostgreSQL 9.5.
			CREATE TABLE lti_score_outbox (
				id bigserial PRIMARY KEY,
				issuer text NOT NULL,
				client_id text NOT NULL,
				token_url text NOT NULL,
				token_audience text,
				line_item_url text NOT NULL,
				user_id text NOT NULL,
				score text NOT NULL,
				score_timestamp bigint NOT NULL,
				enqueued_at bigint NOT NULL,
				attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
				next_attempt_at bigint NOT NULL,
				last_error text,
				failed_at bigint
			);
			CREATE INDEX lti_score_outbox_due ON lti_score_outbox (next_attempt_at, id) WHERE failed_at IS NULL;
			CREATE INDEX lti_score_outbox_by_key ON lti_score_outbox (line_item_url, user_id) WHERE failed_at IS NULL;
		`
	},
	{
		version: 6,
		description: 'LTI due sweeps: scores withheld until the due date go to the LMS once it passes',
		sql: `
			-- One row per (assignment, due date) whose withheld scores were sent, or are being sent; see
			-- SQLite's migration 6. The primary key is the claim between processes: INSERT … ON CONFLICT
			-- lets one process take a sweep, and the lease (claimed_until) lets another finish it if the
			-- first dies.
			CREATE TABLE lti_due_sweeps (
				assignment_id text NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				due_at bigint NOT NULL,
				claimed_until bigint NOT NULL,
				done_at bigint,
				PRIMARY KEY (assignment_id, due_at)
			);
			CREATE INDEX assignments_withheld_by_due ON assignments (due_at)
				WHERE reveal = 'after-due' AND released_at IS NULL AND due_at IS NOT NULL;
			CREATE INDEX lti_students_by_assignment ON lti_students (assignment_id);
			-- The newest hand-in whose score the passback has handled; see SQLite's migration 6.
			ALTER TABLE lti_students ADD COLUMN score_reported_at bigint;
			UPDATE lti_students SET score_reported_at =
				(SELECT max(submitted_at) FROM submissions WHERE submissions.student_id = lti_students.student_id);
		`
	}
];

export const POSTGRES_LATEST_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;

/** Any constant will do, as long as nothing else in the database takes the same advisory lock. */
const MIGRATION_LOCK = 0x6261636b; // "back"

export interface PostgresMigrationResult {
	from: number;
	to: number;
	applied: PostgresMigration[];
}

/**
 * Brings the database up to the latest schema; refuses one written by a newer release. `client`
 * must be a dedicated connection (not a pool), since the whole run is one transaction.
 */
export async function migratePostgres(
	client: ClientBase,
	migrations: readonly PostgresMigration[] = POSTGRES_MIGRATIONS
): Promise<PostgresMigrationResult> {
	migrations.forEach((migration, index) => {
		const previous = migrations[index - 1];
		if (previous && migration.version <= previous.version)
			throw new Error(`migration ${migration.version} is listed after ${previous.version}: versions must increase`);
	});
	const latest = migrations.at(-1)?.version ?? 0;
	await client.query('BEGIN');
	try {
		await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
		await client.query(`
			CREATE TABLE IF NOT EXISTS schema_migrations (
				version integer PRIMARY KEY,
				description text NOT NULL,
				applied_at timestamptz NOT NULL DEFAULT now()
			)`);
		const { rows } = await client.query<{ version: number | null }>(
			'SELECT max(version) AS version FROM schema_migrations'
		);
		const from = rows[0]?.version ?? 0;
		if (from > latest) {
			throw new Error(
				`the PostgreSQL database has schema version ${from}, but this release of Backchannel knows ` +
					`versions up to ${latest}. Run the newer release, or restore a backup made by this one.`
			);
		}
		const pending = migrations.filter((migration) => migration.version > from);
		for (const migration of pending) {
			await client.query(migration.sql);
			await client.query('INSERT INTO schema_migrations (version, description) VALUES ($1, $2)', [
				migration.version,
				migration.description
			]);
		}
		await client.query('COMMIT');
		return { from, to: pending.at(-1)?.version ?? from, applied: pending };
	} catch (error) {
		await client.query('ROLLBACK');
		throw error;
	}
}
