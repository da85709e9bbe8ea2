/**
 * A verified resource-link launch, resolved to where it lands: the assignment the link opens (from
 * the link's custom parameter, or as recorded at an earlier launch), recorded with the AGS line
 * item for scores; an instructor goes to its dashboard, anyone else to their own classroom
 * student, made on the first launch under the LMS's name for them and found again by issuer and
 * `sub` on every later one, from any device.
 */
import type { ClassroomRepository } from '$lib/server/db';
import { assignmentState } from '$lib/server/classroom/assignments';
import { MAX_NAME_LENGTH, joinAssignment } from '$lib/server/classroom/students';
import { cleanDisplayName } from '$lib/server/classroom/display-name';
import { ASSIGNMENT_PARAMETER, readAssignmentParameter } from './assignment-link.ts';
import { CLAIMS, isInstructor, lmsDisplayName, type ResourceLinkClaims } from './claims.ts';
import type { Platform } from './platforms.ts';
import type { LandingTarget, LtiStore } from './store.ts';

export type ResourceLinkOutcome = { ok: true; target: LandingTarget } | { ok: false; status: 403 | 404; what: string };

export interface ResourceLinkDependencies {
	repository: ClassroomRepository;
	store: LtiStore;
	now: number;
}

/** The roster name for an LMS user: their LMS name, cleaned and cut to fit, or a stand-in. */
function rosterName(claims: ResourceLinkClaims): string {
	const name = cleanDisplayName(lmsDisplayName(claims) ?? '')
		.replace(/\p{Cc}/gu, '')
		.trim()
		.slice(0, MAX_NAME_LENGTH);
	return name || 'LMS student';
}

export async function resolveResourceLink(
	platform: Platform,
	claims: ResourceLinkClaims,
	deps: ResourceLinkDependencies
): Promise<ResourceLinkOutcome> {
	const { repository, store, now } = deps;
	const deploymentId = claims[CLAIMS.deploymentId];
	const resourceLinkId = claims[CLAIMS.resourceLink].id;
	const parameter = claims[CLAIMS.custom]?.[ASSIGNMENT_PARAMETER];
	const fromParameter = readAssignmentParameter(await repository.secretKey(), parameter);
	if (parameter !== undefined && !fromParameter) {
		return {
			ok: false,
			status: 403,
			what: `the link's ${ASSIGNMENT_PARAMETER} parameter was not made by this tool: add the activity again through the LMS's activity picker`
		};
	}
	const recorded = await store.findResourceLink(platform.issuer, deploymentId, resourceLinkId);
	const assignmentId = fromParameter ?? recorded?.assignmentId;
	if (!assignmentId) {
		return {
			ok: false,
			status: 404,
			what: 'this LMS link opens no Backchannel assignment: an instructor adds one through the LMS activity picker (Deep Linking)'
		};
	}
	const assignment = await repository.findAssignment(assignmentId);
	if (!assignment) {
		return { ok: false, status: 404, what: 'the assignment this link opens was deleted in Backchannel' };
	}

	const ags = claims[CLAIMS.agsEndpoint];
	// A launch without the AGS claim says nothing about the link's line item (an LMS may leave it
	// out of an instructor's launch): keep the one recorded, or the learners' scores stop.
	const scores = ags
		? { lineItemUrl: ags.lineitem ?? null, lineItemsUrl: ags.lineitems ?? null, agsScopes: ags.scope ?? [] }
		: {
				lineItemUrl: recorded?.lineItemUrl ?? null,
				lineItemsUrl: recorded?.lineItemsUrl ?? null,
				agsScopes: recorded?.agsScopes ?? []
			};
	await store.saveResourceLink({
		issuer: platform.issuer,
		clientId: platform.clientId,
		deploymentId,
		resourceLinkId,
		assignmentId,
		contextId: claims[CLAIMS.context]?.id ?? null,
		...scores,
		updatedAt: now
	});

	if (isInstructor(claims[CLAIMS.roles])) {
		return { ok: true, target: { kind: 'instructor', assignmentId, issuer: platform.issuer, subject: claims.sub } };
	}

	const existing = await store.findStudentLink(platform.issuer, claims.sub, assignmentId);
	if (existing) {
		await store.updateStudentResourceLink(existing.studentId, deploymentId, resourceLinkId);
		return { ok: true, target: { kind: 'student', assignmentId, studentId: existing.studentId } };
	}
	if (!assignmentState(assignment, now).open) {
		return { ok: false, status: 403, what: 'this assignment is closed: it takes no new students' };
	}
	const { student } = await joinAssignment(repository, assignment, rosterName(claims), now);
	const linked = await store.linkStudent({
		issuer: platform.issuer,
		subject: claims.sub,
		assignmentId,
		studentId: student.id,
		clientId: platform.clientId,
		deploymentId,
		resourceLinkId,
		createdAt: now
	});
	if (linked) return { ok: true, target: { kind: 'student', assignmentId, studentId: student.id } };
	// A launch of the same user in another tab got there first: keep theirs, drop ours.
	await repository.deleteStudent(assignmentId, student.id);
	const winner = await store.findStudentLink(platform.issuer, claims.sub, assignmentId);
	if (!winner) throw new Error('an LTI user link was refused as a duplicate but is not stored');
	return { ok: true, target: { kind: 'student', assignmentId, studentId: winner.studentId } };
}
