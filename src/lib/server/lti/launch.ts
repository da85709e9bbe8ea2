/**
 * Verifying an LTI 1.3 launch (the id token and state the platform posts to /lti/launch).
 *
 * Every check names what failed; nothing is written until all of them pass, and then only the
 * state is used up and the nonce recorded, in one transaction (the nonce's unique key refuses a
 * replay). Checks, in order: the form has both fields; the token is a JWT from a registered
 * issuer whose `aud` holds our client id; the state is one we issued for that platform and has not
 * expired; the signature verifies against the platform's key set (jose, cached, refetched on an
 * unknown `kid`) with `iss`, `aud`, `exp` and `iat` within a minute of clock skew; `azp`; the
 * nonce is the login's; the message type, version and claims; a known deployment.
 */
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { readLaunchClaims, type LaunchMessage } from './claims.ts';
import type { Platform, PlatformRegistry } from './platforms.ts';
import type { LtiStore } from './store.ts';

/** How far the platform's clock may be from ours. */
export const CLOCK_SKEW_SECONDS = 60;
/** An id token older than this (by `iat`) is refused even if its `exp` is later. */
export const MAX_TOKEN_AGE_SECONDS = 60 * 60;

export interface VerifiedLaunch {
	ok: true;
	platform: Platform;
	message: LaunchMessage;
	payload: JWTPayload;
}

export interface LaunchFailure {
	ok: false;
	status: 400 | 401 | 403 | 502;
	/** What failed, for the error page and the log. */
	what: string;
	platform?: Platform;
}

export interface LaunchDependencies {
	store: LtiStore;
	registry: PlatformRegistry;
	keySet: (platform: Platform) => JWTVerifyGetKey;
	now: () => number;
}

const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/**
 * The platform's key set, fetched on first use and kept: jose refetches it when a token names a
 * `kid` it does not hold (at most once per `cooldownDuration`), and after `cacheMaxAge`.
 */
export function remoteKeySet(platform: Platform): JWTVerifyGetKey {
	let keySet = remoteKeySets.get(platform.jwksUrl);
	if (!keySet) {
		keySet = createRemoteJWKSet(new URL(platform.jwksUrl), {
			timeoutDuration: 5_000,
			cooldownDuration: 30_000,
			cacheMaxAge: 10 * 60_000
		});
		remoteKeySets.set(platform.jwksUrl, keySet);
	}
	return keySet;
}

function fail(status: LaunchFailure['status'], what: string, platform?: Platform): LaunchFailure {
	return { ok: false, status, what, platform };
}

function audiences(payload: JWTPayload): string[] {
	if (typeof payload.aud === 'string') return [payload.aud];
	return Array.isArray(payload.aud) ? payload.aud.filter((aud): aud is string => typeof aud === 'string') : [];
}

/** Names a jose verification error as a launch failure. */
function joseFailure(error: unknown, platform: Platform): LaunchFailure {
	if (error instanceof errors.JWSSignatureVerificationFailed)
		return fail(401, `bad signature: the id token does not verify against ${platform.name}'s key set`, platform);
	if (error instanceof errors.JWKSNoMatchingKey)
		return fail(
			401,
			`unknown kid: ${platform.name}'s key set (${platform.jwksUrl}) has no key that signed this id token`,
			platform
		);
	if (error instanceof errors.JWKSMultipleMatchingKeys)
		return fail(401, `ambiguous kid: several keys of ${platform.name}'s key set match the id token`, platform);
	if (error instanceof errors.JWTExpired) {
		return error.claim === 'iat'
			? fail(401, `expired: the id token was issued more than ${MAX_TOKEN_AGE_SECONDS} s ago (iat)`, platform)
			: fail(401, 'expired: the id token is past its exp', platform);
	}
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.reason === 'missing') return fail(400, `missing claims: ${error.claim} is missing`, platform);
		if (error.claim === 'aud')
			return fail(401, `wrong audience: aud does not hold the client id ${platform.clientId}`, platform);
		if (error.claim === 'iss') return fail(401, `wrong issuer: iss is not ${platform.issuer}`, platform);
		if (error.claim === 'iat')
			return fail(401, 'issued in the future: iat is ahead of our clock by more than the allowed skew', platform);
		if (error.claim === 'nbf') return fail(401, 'not yet valid: nbf is in the future', platform);
		return fail(400, `invalid claim ${error.claim}: ${error.message}`, platform);
	}
	if (error instanceof errors.JOSEAlgNotAllowed)
		return fail(401, 'algorithm not allowed: LTI id tokens must be signed with RS256', platform);
	if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof TypeError)
		return fail(
			502,
			`${platform.name}'s key set (${platform.jwksUrl}) could not be fetched or read: try the launch again later`,
			platform
		);
	if (error instanceof errors.JOSEError)
		return fail(400, `the id token could not be verified: ${error.message}`, platform);
	// fetch failures surface as plain errors from the key set.
	if (error instanceof Error && /fetch|ECONNREFUSED|network/i.test(error.message))
		return fail(
			502,
			`${platform.name}'s key set (${platform.jwksUrl}) could not be fetched: try the launch again later`,
			platform
		);
	throw error;
}

export async function verifyLaunch(
	form: { idToken: string | undefined; state: string | undefined },
	deps: LaunchDependencies
): Promise<VerifiedLaunch | LaunchFailure> {
	const { idToken, state } = form;
	if (!idToken) return fail(400, 'missing id_token: the launch form has no id_token field');
	if (!state) return fail(400, 'missing state: the launch form has no state field');

	let unverified: JWTPayload;
	try {
		unverified = decodeJwt(idToken);
	} catch {
		return fail(400, 'malformed id_token: it is not a signed JWT');
	}
	const issuer = unverified.iss;
	if (typeof issuer !== 'string') return fail(400, 'missing claims: iss is missing');
	if (!deps.registry.hasIssuer(issuer))
		return fail(403, `unknown issuer: no platform with issuer ${issuer} is registered with this tool`);
	const audience = audiences(unverified);
	const platform = audience.map((aud) => deps.registry.find(issuer, aud)).find((found) => found !== undefined);
	if (!platform)
		return fail(
			401,
			`wrong audience: aud (${audience.join(', ') || 'none'}) holds no client id registered for ${issuer}`
		);

	const now = deps.now();
	const login = await deps.store.findState(state, now);
	if (!login) return fail(401, 'bad state: unknown, already used or expired (start again from the LMS)', platform);
	if (login.issuer !== platform.issuer || login.clientId !== platform.clientId)
		return fail(401, 'bad state: it was issued for a login with another platform', platform);

	let payload: JWTPayload;
	try {
		({ payload } = await jwtVerify(idToken, deps.keySet(platform), {
			issuer: platform.issuer,
			audience: platform.clientId,
			algorithms: ['RS256'],
			clockTolerance: CLOCK_SKEW_SECONDS,
			maxTokenAge: MAX_TOKEN_AGE_SECONDS,
			requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
			currentDate: new Date(now)
		}));
	} catch (error) {
		return joseFailure(error, platform);
	}

	// OIDC Core 3.1.3.7: with several audiences `azp` must be present, and it must be our client id.
	if ((audiences(payload).length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId)
		return fail(
			401,
			`wrong authorized party: azp is ${JSON.stringify(payload.azp ?? null)}, expected ${platform.clientId}`,
			platform
		);
	if (payload.nonce !== login.nonce) return fail(401, 'bad nonce: it is not the nonce of this login', platform);

	const reading = readLaunchClaims(payload);
	if (!reading.ok) return fail(400, reading.reason, platform);
	const deploymentId = reading.message.claims['https://purl.imsglobal.org/spec/lti/claim/deployment_id'];
	if (!platform.deploymentIds.includes(deploymentId))
		return fail(
			403,
			`unknown deployment: ${deploymentId} is not a deployment registered for ${platform.name}`,
			platform
		);

	// `exp` and `iat` are required above; the nonce is remembered until the token could no longer
	// be accepted (by its `exp` or by its age, whichever comes first).
	const lastAccepted = Math.min(payload.exp ?? 0, (payload.iat ?? 0) + MAX_TOKEN_AGE_SECONDS);
	const expiresAt = (lastAccepted + CLOCK_SKEW_SECONDS) * 1000;
	const consumed = await deps.store.consumeLaunch(state, { issuer: platform.issuer, nonce: login.nonce, expiresAt });
	if (consumed === 'state-unknown') return fail(401, 'bad state: already used (a launch is answered once)', platform);
	if (consumed === 'nonce-replayed') return fail(401, 'replayed nonce: this id token was already used', platform);
	return { ok: true, platform, message: reading.message, payload };
}
