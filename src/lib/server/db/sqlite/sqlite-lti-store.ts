/**
 * The LTI store on the classroom's SQLite database (one handle, so a student's or an assignment's
 * deletion also removes its LTI rows by foreign key, and the classroom's erasure settings apply).
 * It does not own the handle: closing the classroom repository closes it.
 */
import Database from 'better-sqlite3';
import type {
	DeepLinkContextRecord,
	InstructorSessionRecord,
	LaunchConsumption,
	LtiStore,
	ToolKeyRecord
} from '$lib/server/lti/store';
import {
	toLanding,
	toResourceLink,
	toStudentLink,
	toToolKey,
	toUnreportedHandIn,
	UNREPORTED_HAND_INS_SQL,
	type LandingRow,
	type ResourceLinkRow,
	type StateRow,
	type StudentLinkRow,
	type ToolKeyRow,
	type UnreportedHandInRow
} from '../lti-rows.ts';

interface DeepLinkRow {
	issuer: string;
	client_id: string;
	deployment_id: string;
	return_url: string;
	data: string | null;
	accept_line_item: number;
	expires_at: number;
}

function isPrimaryKeyOrUniqueViolation(error: unknown): boolean {
	return (
		error instanceof Database.SqliteError &&
		(error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE')
	);
}

export function sqliteLtiStore(db: Database.Database): LtiStore {
	const statements = {
		toolKeys: db.prepare<[], ToolKeyRow>('SELECT * FROM lti_tool_keys ORDER BY created_at, kid'),
		insertToolKey: db.prepare(
			'INSERT INTO lti_tool_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES (?, ?, ?, ?, ?)'
		),
		retireToolKey: db.prepare('UPDATE lti_tool_keys SET retired_at = ? WHERE kid = ? AND retired_at IS NULL'),
		insertState: db.prepare(`
			INSERT INTO lti_states (state, issuer, client_id, nonce, created_at, expires_at)
			VALUES (@state, @issuer, @clientId, @nonce, @createdAt, @expiresAt)`),
		stateByValue: db.prepare<[string, number], StateRow>('SELECT * FROM lti_states WHERE state = ? AND expires_at > ?'),
		deleteState: db.prepare('DELETE FROM lti_states WHERE state = ?'),
		insertNonce: db.prepare('INSERT INTO lti_nonces (issuer, nonce, expires_at) VALUES (?, ?, ?)'),
		pruneStates: db.prepare('DELETE FROM lti_states WHERE expires_at <= ?'),
		pruneNonces: db.prepare('DELETE FROM lti_nonces WHERE expires_at <= ?'),
		pruneLandings: db.prepare('DELETE FROM lti_landings WHERE expires_at <= ?'),
		pruneSessions: db.prepare('DELETE FROM lti_instructor_sessions WHERE expires_at <= ?'),
		pruneDeepLinks: db.prepare('DELETE FROM lti_deep_link_contexts WHERE expires_at <= ?'),
		studentLink: db.prepare<[string, string, string], StudentLinkRow>(
			'SELECT * FROM lti_students WHERE issuer = ? AND subject = ? AND assignment_id = ?'
		),
		studentLinkOfStudent: db.prepare<[string], StudentLinkRow>('SELECT * FROM lti_students WHERE student_id = ?'),
		insertStudentLink: db.prepare(`
			INSERT INTO lti_students (issuer, subject, assignment_id, student_id, client_id, deployment_id, resource_link_id, created_at)
			VALUES (@issuer, @subject, @assignmentId, @studentId, @clientId, @deploymentId, @resourceLinkId, @createdAt)`),
		updateStudentResourceLink: db.prepare(
			'UPDATE lti_students SET deployment_id = ?, resource_link_id = ? WHERE student_id = ?'
		),
		markScoreReported: db.prepare(
			`UPDATE lti_students SET score_reported_at = max(coalesce(score_reported_at, @handedInAt), @handedInAt)
			WHERE student_id = @studentId`
		),
		unreportedHandIns: db.prepare<[], UnreportedHandInRow>(UNREPORTED_HAND_INS_SQL),
		upsertResourceLink: db.prepare(`
			INSERT INTO lti_resource_links (issuer, deployment_id, resource_link_id, client_id, assignment_id, context_id,
				line_item_url, line_items_url, ags_scopes, updated_at)
			VALUES (@issuer, @deploymentId, @resourceLinkId, @clientId, @assignmentId, @contextId, @lineItemUrl,
				@lineItemsUrl, @agsScopes, @updatedAt)
			ON CONFLICT (issuer, deployment_id, resource_link_id) DO UPDATE SET
				client_id = excluded.client_id, assignment_id = excluded.assignment_id, context_id = excluded.context_id,
				line_item_url = excluded.line_item_url, line_items_url = excluded.line_items_url,
				ags_scopes = excluded.ags_scopes, updated_at = excluded.updated_at`),
		resourceLink: db.prepare<[string, string, string], ResourceLinkRow>(
			'SELECT * FROM lti_resource_links WHERE issuer = ? AND deployment_id = ? AND resource_link_id = ?'
		),
		resourceLinksOfAssignment: db.prepare<[string], ResourceLinkRow>(
			'SELECT * FROM lti_resource_links WHERE assignment_id = ? ORDER BY updated_at, resource_link_id'
		),
		insertLanding: db.prepare(`
			INSERT INTO lti_landings (ticket_hash, kind, assignment_id, student_id, issuer, subject, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`),
		landing: db.prepare<[Buffer], LandingRow>('SELECT * FROM lti_landings WHERE ticket_hash = ?'),
		deleteLanding: db.prepare('DELETE FROM lti_landings WHERE ticket_hash = ?'),
		insertSession: db.prepare(`
			INSERT INTO lti_instructor_sessions (token_hash, assignment_id, issuer, subject, expires_at)
			VALUES (?, ?, ?, ?, ?)`),
		session: db.prepare<[Buffer, number], InstructorSessionRecord>(`
			SELECT assignment_id AS assignmentId, issuer, subject, expires_at AS expiresAt
			FROM lti_instructor_sessions WHERE token_hash = ? AND expires_at > ?`),
		insertDeepLink: db.prepare(`
			INSERT INTO lti_deep_link_contexts (token_hash, issuer, client_id, deployment_id, return_url, data,
				accept_line_item, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
		deepLink: db.prepare<[Buffer, number], DeepLinkRow>(
			'SELECT * FROM lti_deep_link_contexts WHERE token_hash = ? AND expires_at > ?'
		),
		deleteDeepLink: db.prepare('DELETE FROM lti_deep_link_contexts WHERE token_hash = ?')
	};

	const consumeLaunch = db.transaction(
		(state: string, nonce: { issuer: string; nonce: string; expiresAt: number }): LaunchConsumption => {
			if (statements.deleteState.run(state).changes !== 1) return 'state-unknown';
			statements.insertNonce.run(nonce.issuer, nonce.nonce, nonce.expiresAt);
			return 'ok';
		}
	);

	const takeLanding = db.transaction((hash: Buffer, now: number) => {
		const row = statements.landing.get(hash);
		if (!row) return undefined;
		statements.deleteLanding.run(hash);
		return row.expires_at > now ? toLanding(row) : undefined;
	});

	const hasActiveKey = db.prepare<[], { one: number }>('SELECT 1 AS one FROM lti_tool_keys WHERE retired_at IS NULL');
	// IMMEDIATE takes the write lock before the read, so another process's first key cannot slip in between.
	const addFirstToolKey = db.transaction((key: ToolKeyRecord): boolean => {
		if (hasActiveKey.get()) return false;
		statements.insertToolKey.run(
			key.kid,
			JSON.stringify(key.privateJwk),
			JSON.stringify(key.publicJwk),
			key.createdAt,
			key.retiredAt
		);
		return true;
	});

	const pruneExpired = db.transaction((now: number) => {
		statements.pruneStates.run(now);
		statements.pruneNonces.run(now);
		statements.pruneLandings.run(now);
		statements.pruneSessions.run(now);
		statements.pruneDeepLinks.run(now);
	});

	return {
		async listToolKeys() {
			return statements.toolKeys.all().map(toToolKey);
		},
		async addToolKey(key) {
			statements.insertToolKey.run(
				key.kid,
				JSON.stringify(key.privateJwk),
				JSON.stringify(key.publicJwk),
				key.createdAt,
				key.retiredAt
			);
		},
		async addFirstToolKey(key) {
			return addFirstToolKey.immediate(key);
		},
		async retireToolKey(kid, at) {
			return statements.retireToolKey.run(at, kid).changes === 1;
		},
		async saveState(state) {
			statements.insertState.run(state);
		},
		async findState(state, now) {
			const row = statements.stateByValue.get(state, now);
			return (
				row && {
					state: row.state,
					issuer: row.issuer,
					clientId: row.client_id,
					nonce: row.nonce,
					createdAt: row.created_at,
					expiresAt: row.expires_at
				}
			);
		},
		async consumeLaunch(state, nonce) {
			try {
				return consumeLaunch(state, nonce);
			} catch (error) {
				// The transaction rolled back: the state is still there, and nothing was added.
				if (isPrimaryKeyOrUniqueViolation(error)) return 'nonce-replayed';
				throw error;
			}
		},
		async pruneExpired(now) {
			pruneExpired(now);
		},
		async findStudentLink(issuer, subject, assignmentId) {
			const row = statements.studentLink.get(issuer, subject, assignmentId);
			return row && toStudentLink(row);
		},
		async linkStudent(link) {
			try {
				statements.insertStudentLink.run(link);
				return true;
			} catch (error) {
				if (isPrimaryKeyOrUniqueViolation(error)) return false;
				throw error;
			}
		},
		async findStudentLinkOfStudent(studentId) {
			const row = statements.studentLinkOfStudent.get(studentId);
			return row && toStudentLink(row);
		},
		async updateStudentResourceLink(studentId, deploymentId, resourceLinkId) {
			statements.updateStudentResourceLink.run(deploymentId, resourceLinkId, studentId);
		},
		async markScoreReported(studentId, handedInAt) {
			statements.markScoreReported.run({ studentId, handedInAt });
		},
		async listUnreportedHandIns() {
			return statements.unreportedHandIns.all().map(toUnreportedHandIn);
		},
		async saveResourceLink(link) {
			statements.upsertResourceLink.run({ ...link, agsScopes: JSON.stringify(link.agsScopes) });
		},
		async findResourceLink(issuer, deploymentId, resourceLinkId) {
			const row = statements.resourceLink.get(issuer, deploymentId, resourceLinkId);
			return row && toResourceLink(row);
		},
		async listResourceLinksOfAssignment(assignmentId) {
			return statements.resourceLinksOfAssignment.all(assignmentId).map(toResourceLink);
		},
		async addLanding(ticketHash, target, expiresAt) {
			statements.insertLanding.run(
				Buffer.from(ticketHash),
				target.kind,
				target.assignmentId,
				target.kind === 'student' ? target.studentId : null,
				target.kind === 'instructor' ? target.issuer : null,
				target.kind === 'instructor' ? target.subject : null,
				expiresAt
			);
		},
		async takeLanding(ticketHash, now) {
			return takeLanding(Buffer.from(ticketHash), now);
		},
		async addInstructorSession(tokenHash, session) {
			statements.insertSession.run(
				Buffer.from(tokenHash),
				session.assignmentId,
				session.issuer,
				session.subject,
				session.expiresAt
			);
		},
		async findInstructorSession(tokenHash, now) {
			return statements.session.get(Buffer.from(tokenHash), now);
		},
		async addDeepLinkContext(tokenHash, context: DeepLinkContextRecord) {
			statements.insertDeepLink.run(
				Buffer.from(tokenHash),
				context.issuer,
				context.clientId,
				context.deploymentId,
				context.returnUrl,
				context.data,
				context.acceptLineItem ? 1 : 0,
				context.expiresAt
			);
		},
		async findDeepLinkContext(tokenHash, now) {
			const row = statements.deepLink.get(Buffer.from(tokenHash), now);
			return (
				row && {
					issuer: row.issuer,
					clientId: row.client_id,
					deploymentId: row.deployment_id,
					returnUrl: row.return_url,
					data: row.data,
					acceptLineItem: row.accept_line_item === 1,
					expiresAt: row.expires_at
				}
			);
		},
		async takeDeepLinkContext(tokenHash) {
			return statements.deleteDeepLink.run(Buffer.from(tokenHash)).changes === 1;
		}
	};
}
