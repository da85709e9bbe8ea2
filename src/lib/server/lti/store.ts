/**
 * LTI's storage contract, apart from the classroom's (`ClassroomRepository`): the tool's signing
 * keys, the single-use values of a launch (OIDC state, id-token nonce), who an LMS user is in the
 * classroom, which assignment an LMS resource link opens, and the short-lived hand-offs between
 * a launch and the page it lands on.
 *
 * Both implementations share the classroom's database (src/lib/server/db/sqlite/ and postgres/),
 * so rows that name a student or an assignment go when it is deleted (foreign keys, ON DELETE
 * CASCADE). Single-use values are decided by the database, so they hold across app processes.
 *
 * Times are milliseconds since the epoch. Tokens that act as credentials (hand-off tickets,
 * instructor sessions, deep-linking contexts) are stored only as their SHA-256: they are 256-bit
 * random values, so a bare hash is enough to keep a copy of the database from replaying them.
 */
import type { JWK } from 'jose';

export interface ToolKeyRecord {
	kid: string;
	/** RS256 key pair as JWKs; the private one never leaves the server. */
	privateJwk: JWK;
	publicJwk: JWK;
	createdAt: number;
	/** Once retired the key signs nothing and leaves the published key set. */
	retiredAt: number | null;
}

/** The OIDC `state` of a login in progress, and what the id token that answers it must carry. */
export interface OidcStateRecord {
	state: string;
	issuer: string;
	clientId: string;
	nonce: string;
	createdAt: number;
	expiresAt: number;
}

export type LaunchConsumption = 'ok' | 'state-unknown' | 'nonce-replayed';

/** An LMS user (`iss` + `sub`) as a classroom student of one assignment. */
export interface LtiStudentLink {
	issuer: string;
	subject: string;
	assignmentId: string;
	studentId: string;
	clientId: string;
	deploymentId: string;
	/** The resource link they last launched from: its line item is where their score goes. */
	resourceLinkId: string;
	createdAt: number;
}

/** What a score for this resource link needs: the platform, and the AGS endpoint claim's values. */
export interface ResourceLinkRecord {
	issuer: string;
	clientId: string;
	deploymentId: string;
	resourceLinkId: string;
	assignmentId: string;
	contextId: string | null;
	/** The AGS line item (`lineitem` of the endpoint claim) scores are posted to, if the platform gave one. */
	lineItemUrl: string | null;
	lineItemsUrl: string | null;
	/** The AGS scopes the platform granted for this link. */
	agsScopes: string[];
	updatedAt: number;
}

/** Where a verified launch lands: a student's assignment or an instructor's dashboard. */
export type LandingTarget =
	| { kind: 'student'; assignmentId: string; studentId: string }
	| { kind: 'instructor'; assignmentId: string; issuer: string; subject: string };

export interface InstructorSessionRecord {
	assignmentId: string;
	issuer: string;
	subject: string;
	expiresAt: number;
}

/** A deep-linking request waiting for the instructor's choice of lessons. */
export interface DeepLinkContextRecord {
	issuer: string;
	clientId: string;
	deploymentId: string;
	returnUrl: string;
	/** The request's opaque `data`, echoed in the response. */
	data: string | null;
	/** Whether the platform takes a line item with the link (`accept_lineitem`; absent means yes). */
	acceptLineItem: boolean;
	expiresAt: number;
}

/** A linked student's newest hand-in whose score was never queued for their LMS. */
export interface UnreportedHandIn {
	studentId: string;
	assignmentId: string;
	handedInAt: number;
}

export interface LtiStore {
	/** Every key, the retired ones included, oldest first. */
	listToolKeys(): Promise<ToolKeyRecord[]>;
	addToolKey(key: ToolKeyRecord): Promise<void>;
	/**
	 * Adds the key only if no key is active, deciding in the database: of several processes making
	 * the first key at once, one stores its key (`true`) and the others are told `false`.
	 */
	addFirstToolKey(key: ToolKeyRecord): Promise<boolean>;
	/** `false` when there is no such key or it was already retired. */
	retireToolKey(kid: string, at: number): Promise<boolean>;

	saveState(state: OidcStateRecord): Promise<void>;
	/** The state if it exists and has not expired; reading does not use it up. */
	findState(state: string, now: number): Promise<OidcStateRecord | undefined>;
	/**
	 * Uses up the state and records the nonce, in one transaction: a state is answered once, and a
	 * nonce an issuer has sent before is refused by the table's unique key, so nothing changes then.
	 */
	consumeLaunch(state: string, nonce: { issuer: string; nonce: string; expiresAt: number }): Promise<LaunchConsumption>;
	/** Forgets expired states, nonces, hand-offs, sessions and deep-linking contexts. */
	pruneExpired(now: number): Promise<void>;

	findStudentLink(issuer: string, subject: string, assignmentId: string): Promise<LtiStudentLink | undefined>;
	/** `false` when this LMS user is already linked to a student of the assignment (a concurrent first launch). */
	linkStudent(link: LtiStudentLink): Promise<boolean>;
	/** The LMS user a classroom student launched as, if they came through LTI. */
	findStudentLinkOfStudent(studentId: string): Promise<LtiStudentLink | undefined>;
	/** Records the resource link (and deployment) a linked student launched from this time. */
	updateStudentResourceLink(studentId: string, deploymentId: string, resourceLinkId: string): Promise<void>;
	/**
	 * The grade passback has handled the linked student's score as of their hand-in at `handedInAt`
	 * (queued it, or found it cannot go anywhere). Never moves back: an older mark changes nothing.
	 */
	markScoreReported(studentId: string, handedInAt: number): Promise<void>;
	/**
	 * Linked students whose newest hand-in is newer than the last one marked reported: a process
	 * committed the hand-in and stopped before it queued the score. Oldest hand-in first.
	 */
	listUnreportedHandIns(): Promise<UnreportedHandIn[]>;

	/** Inserts or refreshes the link (the line item URL and scopes may change between launches). */
	saveResourceLink(link: ResourceLinkRecord): Promise<void>;
	findResourceLink(
		issuer: string,
		deploymentId: string,
		resourceLinkId: string
	): Promise<ResourceLinkRecord | undefined>;
	listResourceLinksOfAssignment(assignmentId: string): Promise<ResourceLinkRecord[]>;

	addLanding(ticketHash: Uint8Array, target: LandingTarget, expiresAt: number): Promise<void>;
	/** The target once, if the ticket exists and has not expired; it is deleted either way. */
	takeLanding(ticketHash: Uint8Array, now: number): Promise<LandingTarget | undefined>;

	addInstructorSession(tokenHash: Uint8Array, session: InstructorSessionRecord): Promise<void>;
	findInstructorSession(tokenHash: Uint8Array, now: number): Promise<InstructorSessionRecord | undefined>;

	addDeepLinkContext(tokenHash: Uint8Array, context: DeepLinkContextRecord): Promise<void>;
	findDeepLinkContext(tokenHash: Uint8Array, now: number): Promise<DeepLinkContextRecord | undefined>;
	/** `true` for the one caller that uses the context up (a second submission of the form gets `false`). */
	takeDeepLinkContext(tokenHash: Uint8Array): Promise<boolean>;
}
