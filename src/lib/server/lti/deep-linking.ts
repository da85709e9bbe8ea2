/**
 * Deep Linking 2.0: an instructor adding Backchannel from the LMS's activity picker.
 *
 * The verified LtiDeepLinkingRequest is kept as a context behind a one-time token (the form page
 * is /lti/deep-link/<token>, which works in the LMS's frame without cookies); the instructor's
 * settings create the assignment, and the browser posts a signed LtiDeepLinkingResponse back to
 * the platform's return URL: one ltiResourceLink whose custom parameter names the assignment
 * (assignment-link.ts) and, when the platform takes one, a line item for its gradebook.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import type { AssignmentRecord } from '$lib/server/db';
import { assignmentParameter, ASSIGNMENT_PARAMETER } from './assignment-link.ts';
import { CLAIMS, DEEP_LINKING_RESPONSE, isInstructor, LTI_VERSION, type DeepLinkingClaims } from './claims.ts';
import { TOOL_KEY_ALGORITHM, type SigningKey } from './keys.ts';
import { LAUNCH_PATH } from './login.ts';
import type { Platform } from './platforms.ts';
import { newToken, tokenHash } from './sessions.ts';
import type { DeepLinkContextRecord, LtiStore } from './store.ts';

/** How long the instructor has to fill in the form. */
export const DEEP_LINK_LIFETIME_MS = 60 * 60_000;
/** Scores are sent as a percentage of this. */
export const SCORE_MAXIMUM = 100;
const RESPONSE_LIFETIME_SECONDS = 10 * 60;

export type DeepLinkStart = { ok: true; path: string } | { ok: false; status: 400 | 403; what: string };

export function deepLinkPath(token: string): string {
	return `/lti/deep-link/${token}`;
}

export async function startDeepLinking(
	store: LtiStore,
	platform: Platform,
	claims: DeepLinkingClaims,
	now: number
): Promise<DeepLinkStart> {
	if (!isInstructor(claims[CLAIMS.roles])) {
		return { ok: false, status: 403, what: 'only an instructor or administrator of the course can add an activity' };
	}
	const settings = claims[CLAIMS.deepLinkingSettings];
	if (!settings.accept_types.includes('ltiResourceLink')) {
		return {
			ok: false,
			status: 400,
			what: `the platform accepts no ltiResourceLink here (accept_types: ${settings.accept_types.join(', ') || 'none'})`
		};
	}
	const token = newToken();
	await store.addDeepLinkContext(tokenHash(token), {
		issuer: platform.issuer,
		clientId: platform.clientId,
		deploymentId: claims[CLAIMS.deploymentId],
		returnUrl: settings.deep_link_return_url,
		data: settings.data ?? null,
		acceptLineItem: settings.accept_lineitem ?? true,
		expiresAt: now + DEEP_LINK_LIFETIME_MS
	});
	return { ok: true, path: deepLinkPath(token) };
}

export interface DeepLinkingResponseInput {
	context: DeepLinkContextRecord;
	assignment: AssignmentRecord;
	secretKey: Uint8Array;
	signingKey: SigningKey;
	toolOrigin: string;
	now: number;
}

/** The content item the LMS turns into an activity (and a gradebook column). */
export function resourceLinkItem(input: Omit<DeepLinkingResponseInput, 'signingKey' | 'now'>) {
	const { assignment, context } = input;
	return {
		type: 'ltiResourceLink',
		title: assignment.title,
		text: `Backchannel: ${assignment.lessons.length} lesson${assignment.lessons.length === 1 ? '' : 's'}, ${assignment.mode}`,
		url: `${input.toolOrigin}${LAUNCH_PATH}`,
		custom: { [ASSIGNMENT_PARAMETER]: assignmentParameter(input.secretKey, assignment.id) },
		...(context.acceptLineItem
			? { lineItem: { scoreMaximum: SCORE_MAXIMUM, label: assignment.title, resourceId: assignment.id } }
			: {}),
		...(assignment.dueAt !== null ? { submission: { endDateTime: new Date(assignment.dueAt).toISOString() } } : {})
	};
}

/** The signed LtiDeepLinkingResponse: `iss` is our client id, `aud` the platform's issuer. */
export async function deepLinkingResponse(input: DeepLinkingResponseInput): Promise<string> {
	const { context, signingKey, now } = input;
	const iat = Math.floor(now / 1000);
	return new SignJWT({
		nonce: randomBytes(16).toString('base64url'),
		[CLAIMS.messageType]: DEEP_LINKING_RESPONSE,
		[CLAIMS.version]: LTI_VERSION,
		[CLAIMS.deploymentId]: context.deploymentId,
		[CLAIMS.contentItems]: [resourceLinkItem(input)],
		[CLAIMS.deepLinkingMessage]: `Added “${input.assignment.title}” from Backchannel.`,
		...(context.data !== null ? { [CLAIMS.deepLinkingData]: context.data } : {})
	})
		.setProtectedHeader({ alg: TOOL_KEY_ALGORITHM, kid: signingKey.kid, typ: 'JWT' })
		.setIssuer(context.clientId)
		.setAudience(context.issuer)
		.setIssuedAt(iat)
		.setExpirationTime(iat + RESPONSE_LIFETIME_SECONDS)
		.sign(signingKey.key);
}
