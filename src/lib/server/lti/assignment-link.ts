/**
 * How an LMS link names its assignment: the deep-linking response puts a custom parameter on the
 * resource link, `backchannel_assignment=<id>.<tag>`, which the platform sends back in every
 * launch. Assignment ids are public (they are in the students' URLs), so the tag, an HMAC of the
 * id under the store's secret key, is what keeps an instructor of another course from typing an
 * id into a link by hand and reaching that assignment's dashboard.
 */
import { hashesMatch, hmacSecret } from '$lib/server/classroom/codes';

export const ASSIGNMENT_PARAMETER = 'backchannel_assignment';

function tag(secretKey: Uint8Array, assignmentId: string): string {
	return Buffer.from(hmacSecret(secretKey, `lti-assignment:${assignmentId}`)).toString('base64url');
}

export function assignmentParameter(secretKey: Uint8Array, assignmentId: string): string {
	return `${assignmentId}.${tag(secretKey, assignmentId)}`;
}

/** The assignment id when the parameter is one this tool made; `undefined` otherwise. */
export function readAssignmentParameter(secretKey: Uint8Array, value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const [id, presented, ...rest] = value.split('.');
	if (!id || !presented || rest.length > 0) return undefined;
	const expected = Buffer.from(tag(secretKey, id), 'base64url');
	const given = Buffer.from(presented, 'base64url');
	return hashesMatch(new Uint8Array(given), new Uint8Array(expected)) ? id : undefined;
}
