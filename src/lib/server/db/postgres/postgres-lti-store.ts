/**
 * The LTI store on the classroom's PostgreSQL database (the same pool, so a student's or an
 * assignment's deletion also removes its LTI rows by foreign key, and the classroom's erasure
 * VACUUM reaches them). It does not own the pool: closing the classroom repository ends it.
 *
 * Every single-use value holds across app processes because one statement or one transaction in
 * PostgreSQL decides it, never a read then a write: a state is used up by the DELETE that returns
 * it, a nonce by the primary key its INSERT meets, a hand-off by DELETE … RETURNING.
 */
import type pg from 'pg';
import type { DeepLinkContextRecord, InstructorSessionRecord, LtiStore, ToolKeyRecord } from '$lib/server/lti/store';
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
import { inTransaction } from './pool.ts';

interface DeepLinkRow {
	issuer: string;
	client_id: string;
	deployment_id: string;
	return_url: string;
	data: string | null;
	accept_line_item: boolean;
	expires_at: number;
}

/**
 * Serializes the first key's creation between processes (`pg_advisory_xact_lock`): any constant
 * will do that no other advisory lock in the database uses (migrations take 0x6261636b).
 */
const FIRST_TOOL_KEY_LOCK = 0x6c746b31; // "ltk1"

/** `pool` must be migrated (`openPostgresPool`). */
export function postgresLtiStore(pool: pg.Pool): LtiStore {
	const one = async <Row extends pg.QueryResultRow>(sql: string, values: unknown[]) =>
		(await pool.query<Row>(sql, values)).rows[0];
	const insertToolKey = (client: pg.Pool | pg.PoolClient, key: ToolKeyRecord) =>
		client.query(
			'INSERT INTO lti_tool_keys (kid, private_jwk, public_jwk, created_at, retired_at) VALUES ($1, $2, $3, $4, $5)',
			[key.kid, JSON.stringify(key.privateJwk), JSON.stringify(key.publicJwk), key.createdAt, key.retiredAt]
		);

	return {
		async listToolKeys() {
			const { rows } = await pool.query<ToolKeyRow>('SELECT * FROM lti_tool_keys ORDER BY created_at, kid COLLATE "C"');
			return rows.map(toToolKey);
		},
		async addToolKey(key) {
			await insertToolKey(pool, key);
		},
		async addFirstToolKey(key) {
			// Under READ COMMITTED, INSERT … WHERE NOT EXISTS lets two processes both see no key and
			// both insert: the lock makes the second wait, then see the first one's key.
			return inTransaction(pool, async (client) => {
				await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_TOOL_KEY_LOCK]);
				const active = await client.query('SELECT 1 FROM lti_tool_keys WHERE retired_at IS NULL LIMIT 1');
				if (active.rowCount) return false;
				await insertToolKey(client, key);
				return true;
			});
		},
		async retireToolKey(kid, at) {
			const result = await pool.query(
				'UPDATE lti_tool_keys SET retired_at = $1 WHERE kid = $2 AND retired_at IS NULL',
				[at, kid]
			);
			return result.rowCount === 1;
		},
		async saveState(state) {
			await pool.query(
				`INSERT INTO lti_states (state, issuer, client_id, nonce, created_at, expires_at)
				VALUES ($1, $2, $3, $4, $5, $6)`,
				[state.state, state.issuer, state.clientId, state.nonce, state.createdAt, state.expiresAt]
			);
		},
		async findState(state, now) {
			const row = await one<StateRow>('SELECT * FROM lti_states WHERE state = $1 AND expires_at > $2', [state, now]);
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
			// A unique violation would abort the transaction, so the nonce goes in with ON CONFLICT DO
			// NOTHING and an empty insert rolls the state's deletion back by hand.
			const client = await pool.connect();
			let broken: Error | undefined;
			try {
				await client.query('BEGIN');
				// Of two processes deleting the same state, the second waits for the first's commit and
				// then deletes nothing.
				const deleted = await client.query('DELETE FROM lti_states WHERE state = $1', [state]);
				if (deleted.rowCount !== 1) {
					await client.query('ROLLBACK');
					return 'state-unknown';
				}
				const inserted = await client.query(
					'INSERT INTO lti_nonces (issuer, nonce, expires_at) VALUES ($1, $2, $3) ON CONFLICT (issuer, nonce) DO NOTHING',
					[nonce.issuer, nonce.nonce, nonce.expiresAt]
				);
				if (inserted.rowCount !== 1) {
					// The state stays unused, as on SQLite: only the id token was a replay.
					await client.query('ROLLBACK');
					return 'nonce-replayed';
				}
				await client.query('COMMIT');
				return 'ok';
			} catch (error) {
				broken = await client.query('ROLLBACK').then(
					() => undefined,
					(rollbackError: unknown) =>
						rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
				);
				throw error;
			} finally {
				client.release(broken);
			}
		},
		async pruneExpired(now) {
			await inTransaction(pool, async (client) => {
				for (const table of [
					'lti_states',
					'lti_nonces',
					'lti_landings',
					'lti_instructor_sessions',
					'lti_deep_link_contexts'
				])
					await client.query(`DELETE FROM ${table} WHERE expires_at <= $1`, [now]);
			});
		},
		async findStudentLink(issuer, subject, assignmentId) {
			const row = await one<StudentLinkRow>(
				'SELECT * FROM lti_students WHERE issuer = $1 AND subject = $2 AND assignment_id = $3',
				[issuer, subject, assignmentId]
			);
			return row && toStudentLink(row);
		},
		async linkStudent(link) {
			// Either key may be taken (the LMS user, or the student): both mean "already linked".
			const result = await pool.query(
				`INSERT INTO lti_students (issuer, subject, assignment_id, student_id, client_id, deployment_id,
					resource_link_id, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
				[
					link.issuer,
					link.subject,
					link.assignmentId,
					link.studentId,
					link.clientId,
					link.deploymentId,
					link.resourceLinkId,
					link.createdAt
				]
			);
			return result.rowCount === 1;
		},
		async findStudentLinkOfStudent(studentId) {
			const row = await one<StudentLinkRow>('SELECT * FROM lti_students WHERE student_id = $1', [studentId]);
			return row && toStudentLink(row);
		},
		async updateStudentResourceLink(studentId, deploymentId, resourceLinkId) {
			await pool.query('UPDATE lti_students SET deployment_id = $1, resource_link_id = $2 WHERE student_id = $3', [
				deploymentId,
				resourceLinkId,
				studentId
			]);
		},
		async markScoreReported(studentId, handedInAt) {
			await pool.query(
				'UPDATE lti_students SET score_reported_at = greatest(score_reported_at, $1) WHERE student_id = $2',
				[handedInAt, studentId]
			);
		},
		async listUnreportedHandIns() {
			return (await pool.query<UnreportedHandInRow>(UNREPORTED_HAND_INS_SQL)).rows.map(toUnreportedHandIn);
		},
		async saveResourceLink(link) {
			await pool.query(
				`INSERT INTO lti_resource_links (issuer, deployment_id, resource_link_id, client_id, assignment_id, context_id,
					line_item_url, line_items_url, ags_scopes, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
				ON CONFLICT (issuer, deployment_id, resource_link_id) DO UPDATE SET
					client_id = excluded.client_id, assignment_id = excluded.assignment_id, context_id = excluded.context_id,
					line_item_url = excluded.line_item_url, line_items_url = excluded.line_items_url,
					ags_scopes = excluded.ags_scopes, updated_at = excluded.updated_at`,
				[
					link.issuer,
					link.deploymentId,
					link.resourceLinkId,
					link.clientId,
					link.assignmentId,
					link.contextId,
					link.lineItemUrl,
					link.lineItemsUrl,
					JSON.stringify(link.agsScopes),
					link.updatedAt
				]
			);
		},
		async findResourceLink(issuer, deploymentId, resourceLinkId) {
			const row = await one<ResourceLinkRow>(
				'SELECT * FROM lti_resource_links WHERE issuer = $1 AND deployment_id = $2 AND resource_link_id = $3',
				[issuer, deploymentId, resourceLinkId]
			);
			return row && toResourceLink(row);
		},
		async listResourceLinksOfAssignment(assignmentId) {
			const { rows } = await pool.query<ResourceLinkRow>(
				'SELECT * FROM lti_resource_links WHERE assignment_id = $1 ORDER BY updated_at, resource_link_id COLLATE "C"',
				[assignmentId]
			);
			return rows.map(toResourceLink);
		},
		async addLanding(ticketHash, target, expiresAt) {
			await pool.query(
				`INSERT INTO lti_landings (ticket_hash, kind, assignment_id, student_id, issuer, subject, expires_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`,
				[
					Buffer.from(ticketHash),
					target.kind,
					target.assignmentId,
					target.kind === 'student' ? target.studentId : null,
					target.kind === 'instructor' ? target.issuer : null,
					target.kind === 'instructor' ? target.subject : null,
					expiresAt
				]
			);
		},
		async takeLanding(ticketHash, now) {
			// Deleted whether or not it has expired; only the one caller whose DELETE found it gets it.
			const row = await one<LandingRow>('DELETE FROM lti_landings WHERE ticket_hash = $1 RETURNING *', [
				Buffer.from(ticketHash)
			]);
			return row && row.expires_at > now ? toLanding(row) : undefined;
		},
		async addInstructorSession(tokenHash, session) {
			await pool.query(
				`INSERT INTO lti_instructor_sessions (token_hash, assignment_id, issuer, subject, expires_at)
				VALUES ($1, $2, $3, $4, $5)`,
				[Buffer.from(tokenHash), session.assignmentId, session.issuer, session.subject, session.expiresAt]
			);
		},
		async findInstructorSession(tokenHash, now) {
			return one<InstructorSessionRecord & pg.QueryResultRow>(
				`SELECT assignment_id AS "assignmentId", issuer, subject, expires_at AS "expiresAt"
				FROM lti_instructor_sessions WHERE token_hash = $1 AND expires_at > $2`,
				[Buffer.from(tokenHash), now]
			);
		},
		async addDeepLinkContext(tokenHash, context: DeepLinkContextRecord) {
			await pool.query(
				`INSERT INTO lti_deep_link_contexts (token_hash, issuer, client_id, deployment_id, return_url, data,
					accept_line_item, expires_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				[
					Buffer.from(tokenHash),
					context.issuer,
					context.clientId,
					context.deploymentId,
					context.returnUrl,
					context.data,
					context.acceptLineItem,
					context.expiresAt
				]
			);
		},
		async findDeepLinkContext(tokenHash, now) {
			const row = await one<DeepLinkRow>(
				'SELECT * FROM lti_deep_link_contexts WHERE token_hash = $1 AND expires_at > $2',
				[Buffer.from(tokenHash), now]
			);
			return (
				row && {
					issuer: row.issuer,
					clientId: row.client_id,
					deploymentId: row.deployment_id,
					returnUrl: row.return_url,
					data: row.data,
					acceptLineItem: row.accept_line_item,
					expiresAt: row.expires_at
				}
			);
		},
		async takeDeepLinkContext(tokenHash) {
			const result = await pool.query('DELETE FROM lti_deep_link_contexts WHERE token_hash = $1', [
				Buffer.from(tokenHash)
			]);
			return result.rowCount === 1;
		}
	};
}
