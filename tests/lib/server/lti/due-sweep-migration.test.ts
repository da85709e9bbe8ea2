/**
 * Migration 6 on a SQLite store that was in use: the LMS learners already there count as
 * reported, so the first start after the upgrade queues none of their scores again.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFile, openStores } from '$lib/server/db';
import { migrate, MIGRATIONS } from '$lib/server/db/sqlite/migrations';
import { handIn, ISSUER } from './due-sweep-harness';

describe('migration 6 on a store in use', () => {
	it('counts every existing LMS learner’s hand-ins as reported, so the first start queues nothing again', async () => {
		const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-sweep-migration-'));
		const db = new Database(databaseFile(dataDir));
		migrate(
			db,
			MIGRATIONS.filter((migration) => migration.version <= 5)
		);
		db.exec(`
			INSERT INTO assignments (id, join_code, dashboard_key_hash, title, module_slug, pass_mark, tries, reveal, created_at)
			VALUES ('a1', 'ABC234', x'00', 'Old', 'mini-module', 80, 2, 'after-due', 1);
			INSERT INTO students (id, assignment_id, name, resume_code_hash, created_at, last_active_at)
			VALUES ('s1', 'a1', 'Ada', x'01', 1, 1), ('s2', 'a1', 'Bo', x'02', 1, 1);
			INSERT INTO lti_students (issuer, subject, assignment_id, student_id, client_id, deployment_id, resource_link_id, created_at)
			VALUES ('${ISSUER}', 'lms-s1', 'a1', 's1', 'c', 'd', 'l', 1), ('${ISSUER}', 'lms-s2', 'a1', 's2', 'c', 'd', 'l', 1);
			INSERT INTO submissions (student_id, question_id, lesson_slug, try_number, response, score, correct, submitted_at)
			VALUES ('s1', 'who-called', 'the-call', 1, '{}', 1, 1, 5);
		`);
		db.close();
		const stores = openStores(dataDir);
		try {
			expect(await stores.lti.listUnreportedHandIns()).toEqual([]);
			// A hand-in after the upgrade whose score was never queued is found.
			await handIn(stores, 's2', 10);
			expect(await stores.lti.listUnreportedHandIns()).toEqual([
				{ studentId: 's2', assignmentId: 'a1', handedInAt: 10 }
			]);
		} finally {
			await stores.classroom.close();
			rmSync(dataDir, { recursive: true, force: true });
		}
	});
});
