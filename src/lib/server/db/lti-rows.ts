/**
 * The LTI tables' rows as both engines return them, and the records the LtiStore deals in: one
 * mapping for SQLite (sqlite/sqlite-lti-store.ts) and PostgreSQL (postgres/postgres-lti-store.ts).
 */
import type { JWK } from 'jose';
import type {
	LandingTarget,
	LtiStudentLink,
	ResourceLinkRecord,
	ToolKeyRecord,
	UnreportedHandIn
} from '$lib/server/lti/store';

export interface ToolKeyRow {
	kid: string;
	private_jwk: string;
	public_jwk: string;
	created_at: number;
	retired_at: number | null;
}

export interface StateRow {
	state: string;
	issuer: string;
	client_id: string;
	nonce: string;
	created_at: number;
	expires_at: number;
}

export interface StudentLinkRow {
	issuer: string;
	subject: string;
	assignment_id: string;
	student_id: string;
	client_id: string;
	deployment_id: string;
	resource_link_id: string;
	created_at: number;
}

export interface ResourceLinkRow {
	issuer: string;
	deployment_id: string;
	resource_link_id: string;
	client_id: string;
	assignment_id: string;
	context_id: string | null;
	line_item_url: string | null;
	line_items_url: string | null;
	ags_scopes: string;
	updated_at: number;
}

export interface LandingRow {
	kind: 'student' | 'instructor';
	assignment_id: string;
	student_id: string | null;
	issuer: string | null;
	subject: string | null;
	expires_at: number;
}

export function toToolKey(row: ToolKeyRow): ToolKeyRecord {
	return {
		kid: row.kid,
		// Written by this module from JWKs that jose exported.
		privateJwk: JSON.parse(row.private_jwk) as JWK,
		publicJwk: JSON.parse(row.public_jwk) as JWK,
		createdAt: row.created_at,
		retiredAt: row.retired_at
	};
}

/**
 * Linked students whose newest hand-in is past their `score_reported_at` (plain SQL for both
 * engines). The newest hand-in comes from the submissions' primary key (student first).
 */
export const UNREPORTED_HAND_INS_SQL = `
	SELECT student_id, assignment_id, newest AS handed_in_at FROM (
		SELECT l.student_id, l.assignment_id, l.score_reported_at,
			(SELECT max(s.submitted_at) FROM submissions AS s WHERE s.student_id = l.student_id) AS newest
		FROM lti_students AS l
	) AS linked
	WHERE newest IS NOT NULL AND (score_reported_at IS NULL OR newest > score_reported_at)
	ORDER BY newest, student_id`;

export interface UnreportedHandInRow {
	student_id: string;
	assignment_id: string;
	handed_in_at: number;
}

export function toUnreportedHandIn(row: UnreportedHandInRow): UnreportedHandIn {
	return { studentId: row.student_id, assignmentId: row.assignment_id, handedInAt: row.handed_in_at };
}

export function toStudentLink(row: StudentLinkRow): LtiStudentLink {
	return {
		issuer: row.issuer,
		subject: row.subject,
		assignmentId: row.assignment_id,
		studentId: row.student_id,
		clientId: row.client_id,
		deploymentId: row.deployment_id,
		resourceLinkId: row.resource_link_id,
		createdAt: row.created_at
	};
}

export function toResourceLink(row: ResourceLinkRow): ResourceLinkRecord {
	return {
		issuer: row.issuer,
		clientId: row.client_id,
		deploymentId: row.deployment_id,
		resourceLinkId: row.resource_link_id,
		assignmentId: row.assignment_id,
		contextId: row.context_id,
		lineItemUrl: row.line_item_url,
		lineItemsUrl: row.line_items_url,
		agsScopes: JSON.parse(row.ags_scopes) as string[],
		updatedAt: row.updated_at
	};
}

export function toLanding(row: LandingRow): LandingTarget | undefined {
	if (row.kind === 'student' && row.student_id) {
		return { kind: 'student', assignmentId: row.assignment_id, studentId: row.student_id };
	}
	if (row.kind === 'instructor' && row.issuer !== null && row.subject !== null) {
		return { kind: 'instructor', assignmentId: row.assignment_id, issuer: row.issuer, subject: row.subject };
	}
	return undefined;
}
