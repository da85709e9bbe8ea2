/**
 * The SQLite schema as an ordered list of migrations. The database's `user_version` records the
 * last one applied; opening a database applies the rest in order, each in its own transaction
 * with the version bump, so a crash mid-migration leaves the previous version intact.
 *
 * Never edit a migration that has shipped: add the next one.
 */
import type { Database } from 'better-sqlite3';

export interface Migration {
	version: number;
	description: string;
	sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
	{
		version: 1,
		description: 'assignments, their lessons, students and submissions',
		sql: `
			CREATE TABLE assignments (
				id TEXT PRIMARY KEY,
				join_code TEXT NOT NULL UNIQUE,
				dashboard_key_hash BLOB NOT NULL,
				title TEXT NOT NULL,
				module_slug TEXT NOT NULL,
				due_at INTEGER,
				pass_mark INTEGER NOT NULL CHECK (pass_mark BETWEEN 0 AND 100),
				tries INTEGER NOT NULL CHECK (tries >= 1),
				reveal TEXT NOT NULL CHECK (reveal IN ('immediate', 'after-due')),
				closed_at INTEGER,
				created_at INTEGER NOT NULL
			) STRICT;

			CREATE TABLE assignment_lessons (
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				position INTEGER NOT NULL,
				lesson_slug TEXT NOT NULL,
				PRIMARY KEY (assignment_id, position),
				UNIQUE (assignment_id, lesson_slug)
			) STRICT;

			CREATE TABLE students (
				id TEXT PRIMARY KEY,
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				name TEXT NOT NULL,
				resume_code_hash BLOB NOT NULL UNIQUE,
				created_at INTEGER NOT NULL,
				last_active_at INTEGER NOT NULL
			) STRICT;
			CREATE INDEX students_by_assignment ON students (assignment_id);

			CREATE TABLE submissions (
				student_id TEXT NOT NULL REFERENCES students (id) ON DELETE CASCADE,
				question_id TEXT NOT NULL,
				lesson_slug TEXT NOT NULL,
				try_number INTEGER NOT NULL CHECK (try_number >= 1),
				response TEXT NOT NULL,
				score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
				correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
				submitted_at INTEGER NOT NULL,
				PRIMARY KEY (student_id, question_id, try_number)
			) STRICT;
		`
	},
	{
		version: 2,
		description: 'sessions that sign-out retires, HMAC-hashed secrets, persisted guess and join counters',
		sql: `
			-- The HMAC key for codes and keys. In the database so a backup restores working codes; a
			-- leaked database file alone still does not let anyone test guesses offline against SHA-256.
			CREATE TABLE server_secrets (
				name TEXT PRIMARY KEY,
				value BLOB NOT NULL
			) STRICT;
			INSERT INTO server_secrets (name, value) VALUES ('hmac', randomblob(32));

			-- Rows from version 1 hold bare SHA-256 hashes; they still work and become HMAC on first use.
			ALTER TABLE assignments ADD COLUMN dashboard_key_scheme TEXT NOT NULL DEFAULT 'sha256'
				CHECK (dashboard_key_scheme IN ('sha256', 'hmac'));
			ALTER TABLE students ADD COLUMN resume_code_scheme TEXT NOT NULL DEFAULT 'sha256'
				CHECK (resume_code_scheme IN ('sha256', 'hmac'));

			-- One row per signed-in device; signing out deletes it, so a replayed cookie is refused.
			CREATE TABLE sessions (
				token_hash BLOB PRIMARY KEY,
				student_id TEXT NOT NULL REFERENCES students (id) ON DELETE CASCADE,
				created_at INTEGER NOT NULL
			) STRICT;
			CREATE INDEX sessions_by_student ON sessions (student_id);

			-- Sliding-window counters (failed guesses, joins) that survive a restart.
			CREATE TABLE limiter_events (
				bucket TEXT NOT NULL,
				at INTEGER NOT NULL
			) STRICT;
			CREATE INDEX limiter_events_by_bucket ON limiter_events (bucket, at);
		`
	},
	{
		version: 3,
		description: 'assignment mode (practice or assessed) and the teacher releasing the answers',
		sql: `
			ALTER TABLE assignments ADD COLUMN mode TEXT NOT NULL DEFAULT 'practice'
				CHECK (mode IN ('practice', 'assessed'));
			ALTER TABLE assignments ADD COLUMN released_at INTEGER;
		`
	},
	{
		version: 4,
		description: 'LTI 1.3: tool keys, launch states and nonces, LMS users and resource links, hand-offs',
		sql: `
			-- The tool's RS256 keys. Retired keys stay listed (not published) so the history is kept.
			CREATE TABLE lti_tool_keys (
				kid TEXT PRIMARY KEY,
				private_jwk TEXT NOT NULL,
				public_jwk TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				retired_at INTEGER
			) STRICT;

			CREATE TABLE lti_states (
				state TEXT PRIMARY KEY,
				issuer TEXT NOT NULL,
				client_id TEXT NOT NULL,
				nonce TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				expires_at INTEGER NOT NULL
			) STRICT;

			-- A nonce is used once per issuer: a replayed id token fails on this key.
			CREATE TABLE lti_nonces (
				issuer TEXT NOT NULL,
				nonce TEXT NOT NULL,
				expires_at INTEGER NOT NULL,
				PRIMARY KEY (issuer, nonce)
			) STRICT;

			CREATE TABLE lti_students (
				issuer TEXT NOT NULL,
				subject TEXT NOT NULL,
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				student_id TEXT NOT NULL UNIQUE REFERENCES students (id) ON DELETE CASCADE,
				client_id TEXT NOT NULL,
				deployment_id TEXT NOT NULL,
				resource_link_id TEXT NOT NULL,
				created_at INTEGER NOT NULL,
				PRIMARY KEY (issuer, subject, assignment_id)
			) STRICT;

			CREATE TABLE lti_resource_links (
				issuer TEXT NOT NULL,
				deployment_id TEXT NOT NULL,
				resource_link_id TEXT NOT NULL,
				client_id TEXT NOT NULL,
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				context_id TEXT,
				line_item_url TEXT,
				line_items_url TEXT,
				ags_scopes TEXT NOT NULL,
				updated_at INTEGER NOT NULL,
				PRIMARY KEY (issuer, deployment_id, resource_link_id)
			) STRICT;
			CREATE INDEX lti_resource_links_by_assignment ON lti_resource_links (assignment_id);

			-- One-time tickets from a launch to the page it lands on (see src/routes/lti/landing).
			CREATE TABLE lti_landings (
				ticket_hash BLOB PRIMARY KEY,
				kind TEXT NOT NULL CHECK (kind IN ('student', 'instructor')),
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				student_id TEXT REFERENCES students (id) ON DELETE CASCADE,
				issuer TEXT,
				subject TEXT,
				expires_at INTEGER NOT NULL
			) STRICT;

			CREATE TABLE lti_instructor_sessions (
				token_hash BLOB PRIMARY KEY,
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				issuer TEXT NOT NULL,
				subject TEXT NOT NULL,
				expires_at INTEGER NOT NULL
			) STRICT;

			CREATE TABLE lti_deep_link_contexts (
				token_hash BLOB PRIMARY KEY,
				issuer TEXT NOT NULL,
				client_id TEXT NOT NULL,
				deployment_id TEXT NOT NULL,
				return_url TEXT NOT NULL,
				data TEXT,
				accept_line_item INTEGER NOT NULL CHECK (accept_line_item IN (0, 1)),
				expires_at INTEGER NOT NULL
			) STRICT;
		`
	},
	{
		version: 5,
		description: 'the LTI score outbox: scores waiting to be posted to an LMS gradebook',
		sql: `
			-- One row per score not yet accepted by the platform (src/lib/server/lti/ags/outbox.ts). A row
			-- is deleted once the platform answers 2xx, or when a newer score for the same line item and
			-- user replaces it; a row the platform refused for good keeps its error and gets failed_at.
			-- Ordered by rowid (oldest first): a new rowid is always above every row present.
			CREATE TABLE lti_score_outbox (
				id INTEGER PRIMARY KEY,
				issuer TEXT NOT NULL,
				client_id TEXT NOT NULL,
				token_url TEXT NOT NULL,
				token_audience TEXT,
				line_item_url TEXT NOT NULL,
				user_id TEXT NOT NULL,
				score TEXT NOT NULL,
				score_timestamp INTEGER NOT NULL,
				enqueued_at INTEGER NOT NULL,
				attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
				next_attempt_at INTEGER NOT NULL,
				last_error TEXT,
				failed_at INTEGER
			) STRICT;
			CREATE INDEX lti_score_outbox_due ON lti_score_outbox (next_attempt_at, id) WHERE failed_at IS NULL;
			CREATE INDEX lti_score_outbox_by_key ON lti_score_outbox (line_item_url, user_id) WHERE failed_at IS NULL;
		`
	},
	{
		version: 6,
		description: 'LTI due sweeps: scores withheld until the due date go to the LMS once it passes',
		sql: `
			-- One row per (assignment, due date) whose withheld scores were sent, or are being sent, to
			-- the LMS (src/lib/server/lti/due-sweep.ts). A process claims a sweep by setting claimed_until
			-- (a lease: another process, or this one after a crash, takes it over once it runs out) and
			-- sets done_at when every score is in the outbox. A new due date is a new row: a reopened
			-- assignment withholds its scores again and gets a sweep of its own.
			CREATE TABLE lti_due_sweeps (
				assignment_id TEXT NOT NULL REFERENCES assignments (id) ON DELETE CASCADE,
				due_at INTEGER NOT NULL,
				claimed_until INTEGER NOT NULL,
				done_at INTEGER,
				PRIMARY KEY (assignment_id, due_at)
			) STRICT;
			-- What the sweep looks for on every tick: assignments still withholding scores, by due date,
			-- and whether any of their learners came from an LMS.
			CREATE INDEX assignments_withheld_by_due ON assignments (due_at)
				WHERE reveal = 'after-due' AND released_at IS NULL AND due_at IS NOT NULL;
			CREATE INDEX lti_students_by_assignment ON lti_students (assignment_id);

			-- The newest hand-in whose score the grade passback has handled (queued, or found unsendable)
			-- for each LMS learner. The hand-in and its score are two writes: a hand-in newer than this
			-- was committed by a process that died before queuing its score, and a start queues it.
			-- Existing learners count as up to date: their scores were queued when they handed in.
			ALTER TABLE lti_students ADD COLUMN score_reported_at INTEGER;
			UPDATE lti_students SET score_reported_at =
				(SELECT max(submitted_at) FROM submissions WHERE submissions.student_id = lti_students.student_id);
		`
	}
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

export interface MigrationResult {
	from: number;
	to: number;
	applied: Migration[];
}

export function schemaVersion(db: Database): number {
	return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to the latest schema; refuses one written by a newer release. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
	const from = schemaVersion(db);
	const latest = migrations.at(-1)?.version ?? 0;
	if (from > latest) {
		throw new Error(
			`${db.name}: the database has schema version ${from}, but this release of Backchannel knows ` +
				`versions up to ${latest}. Run the newer release, or restore a backup made by this one.`
		);
	}
	migrations.forEach((migration, index) => {
		const previous = migrations[index - 1];
		if (previous && migration.version <= previous.version)
			throw new Error(`migration ${migration.version} is listed after ${previous.version}: versions must increase`);
	});
	const pending = migrations.filter((migration) => migration.version > from);
	for (const migration of pending) {
		db.transaction(() => {
			db.exec(migration.sql);
			// PRAGMA takes no bound parameters; the version is an integer from the list above.
			db.pragma(`user_version = ${Math.trunc(migration.version)}`);
		})();
	}
	return { from, to: schemaVersion(db), applied: pending };
}
