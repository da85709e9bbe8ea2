/**
 * The claims of an LTI 1.3 id token this tool reads (LTI Core 1.3, Deep Linking 2.0, AGS 2.0),
 * validated with zod after the signature is verified. Only what the tool uses is required;
 * anything else the platform sends is ignored.
 */
import { z } from 'zod';

export const LTI_CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
export const DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
export const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/';

export const CLAIMS = {
	messageType: `${LTI_CLAIM}message_type`,
	version: `${LTI_CLAIM}version`,
	deploymentId: `${LTI_CLAIM}deployment_id`,
	targetLinkUri: `${LTI_CLAIM}target_link_uri`,
	resourceLink: `${LTI_CLAIM}resource_link`,
	roles: `${LTI_CLAIM}roles`,
	context: `${LTI_CLAIM}context`,
	custom: `${LTI_CLAIM}custom`,
	deepLinkingSettings: `${DL_CLAIM}deep_linking_settings`,
	contentItems: `${DL_CLAIM}content_items`,
	deepLinkingData: `${DL_CLAIM}data`,
	deepLinkingMessage: `${DL_CLAIM}msg`,
	agsEndpoint: `${AGS_CLAIM}endpoint`
} as const;

export const LTI_VERSION = '1.3.0';
export const RESOURCE_LINK_REQUEST = 'LtiResourceLinkRequest';
export const DEEP_LINKING_REQUEST = 'LtiDeepLinkingRequest';
export const DEEP_LINKING_RESPONSE = 'LtiDeepLinkingResponse';

const contextSchema = z.object({ id: z.string().min(1), title: z.string().optional(), label: z.string().optional() });

const agsEndpointSchema = z.object({
	scope: z.array(z.string()).default([]),
	lineitem: z.url().optional(),
	lineitems: z.url().optional()
});

/** What every launch this tool accepts carries. */
const commonSchema = z.object({
	sub: z.string().min(1, { error: 'empty' }),
	name: z.string().optional(),
	given_name: z.string().optional(),
	family_name: z.string().optional(),
	[CLAIMS.version]: z.string(),
	[CLAIMS.deploymentId]: z.string().min(1),
	[CLAIMS.roles]: z.array(z.string()),
	[CLAIMS.context]: contextSchema.optional(),
	[CLAIMS.custom]: z.record(z.string(), z.unknown()).optional()
});

const resourceLinkSchema = commonSchema.extend({
	[CLAIMS.messageType]: z.literal(RESOURCE_LINK_REQUEST),
	[CLAIMS.targetLinkUri]: z.string().min(1),
	[CLAIMS.resourceLink]: z.object({ id: z.string().min(1), title: z.string().optional() }),
	[CLAIMS.agsEndpoint]: agsEndpointSchema.optional()
});

const deepLinkingSchema = commonSchema.extend({
	[CLAIMS.messageType]: z.literal(DEEP_LINKING_REQUEST),
	[CLAIMS.deepLinkingSettings]: z.object({
		deep_link_return_url: z.url(),
		accept_types: z.array(z.string()),
		accept_presentation_document_targets: z.array(z.string()).optional(),
		accept_lineitem: z.boolean().optional(),
		accept_multiple: z.boolean().optional(),
		title: z.string().optional(),
		data: z.string().optional()
	})
});

export type ResourceLinkClaims = z.infer<typeof resourceLinkSchema>;
export type DeepLinkingClaims = z.infer<typeof deepLinkingSchema>;

export type LaunchMessage =
	| { type: typeof RESOURCE_LINK_REQUEST; claims: ResourceLinkClaims }
	| { type: typeof DEEP_LINKING_REQUEST; claims: DeepLinkingClaims };

export type ClaimsReading = { ok: true; message: LaunchMessage } | { ok: false; reason: string };

function describeIssues(error: z.ZodError): string {
	return error.issues
		.map((issue) => {
			const where = issue.path.map(String).join(' → ') || 'the token';
			const missing = issue.code === 'invalid_type' && issue.input === undefined;
			return missing ? `${where} is missing` : `${where}: ${issue.message}`;
		})
		.join('; ');
}

/** Checks the message type and version first (their own failures), then the type's claims. */
export function readLaunchClaims(payload: Record<string, unknown>): ClaimsReading {
	const type = payload[CLAIMS.messageType];
	if (type !== RESOURCE_LINK_REQUEST && type !== DEEP_LINKING_REQUEST) {
		return {
			ok: false,
			reason: `wrong message type: ${CLAIMS.messageType} is ${JSON.stringify(type ?? null)}, expected ${RESOURCE_LINK_REQUEST} or ${DEEP_LINKING_REQUEST}`
		};
	}
	const version = payload[CLAIMS.version];
	if (version !== LTI_VERSION) {
		return {
			ok: false,
			reason: `wrong LTI version: ${CLAIMS.version} is ${JSON.stringify(version ?? null)}, expected ${LTI_VERSION}`
		};
	}
	if (type === RESOURCE_LINK_REQUEST) {
		const result = resourceLinkSchema.safeParse(payload);
		return result.success
			? { ok: true, message: { type, claims: result.data } }
			: { ok: false, reason: `missing or malformed claims: ${describeIssues(result.error)}` };
	}
	const result = deepLinkingSchema.safeParse(payload);
	return result.success
		? { ok: true, message: { type, claims: result.data } }
		: { ok: false, reason: `missing or malformed claims: ${describeIssues(result.error)}` };
}

const INSTRUCTOR_ROLES = new Set([
	'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
	'http://purl.imsglobal.org/vocab/lis/v2/membership#Administrator',
	'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
	'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
	// LTI 1.3 allows the short forms of context roles.
	'Instructor',
	'Administrator'
]);

/** Teaching staff of the context: an instructor or an administrator (not a teaching assistant). */
export function isInstructor(roles: readonly string[]): boolean {
	return roles.some((role) => INSTRUCTOR_ROLES.has(role));
}

/** The LMS's name for the user, as a display name (the roster shows it). */
export function lmsDisplayName(claims: {
	name?: string;
	given_name?: string;
	family_name?: string;
}): string | undefined {
	const name = claims.name?.trim() || [claims.given_name, claims.family_name].filter(Boolean).join(' ').trim();
	return name || undefined;
}
