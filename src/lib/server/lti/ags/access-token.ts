/**
 * Access tokens for LTI Advantage services (1EdTech Security Framework 1.0, section 4): the
 * OAuth 2 client-credentials grant, where the tool proves who it is with a JWT signed by its own
 * private key (RFC 7523) instead of a client secret.
 *
 * Tokens are cached per (token URL, client id, scopes) until shortly before they expire, and
 * concurrent requests for the same token share one round trip. A refused token (the service
 * answered 401) is dropped with `invalidate` and the next `get` asks for a new one.
 */
import type { KeyObject } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { bodyExcerpt, DEFAULT_REQUEST_TIMEOUT_MS, describeError, retryAfter } from './score.ts';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The tool's current private key; `kid` names its public half in the tool's key set. */
export interface ToolSigningKey {
	kid: string;
	privateKey: CryptoKey | KeyObject;
	/** RS256 unless the key is of another kind. */
	alg?: string;
}

export interface TokenRequest {
	tokenUrl: string;
	clientId: string;
	scopes: readonly string[];
	/** The assertion's `aud` when the platform wants something other than its token URL (Brightspace does). */
	audience?: string;
}

export interface AccessToken {
	token: string;
	/** Epoch ms at which the platform stops accepting it. */
	expiresAt: number;
	scopes: string[];
}

/**
 * Why no token came back. `retryable`: a network error, 5xx or 429, likely to pass by itself;
 * otherwise the platform refused the tool (a registration to fix), or answered nonsense.
 */
export class AccessTokenError extends Error {
	constructor(
		message: string,
		readonly status: number | undefined,
		readonly retryable: boolean,
		/** The platform's `Retry-After`, in milliseconds, if it sent one. */
		readonly retryAfterMs?: number
	) {
		super(message);
		this.name = 'AccessTokenError';
	}
}

export interface AccessTokenClientOptions {
	/** The key to sign with, or a function giving the current one (so key rotation needs no restart). */
	signingKey: ToolSigningKey | (() => ToolSigningKey | Promise<ToolSigningKey>);
	fetch?: typeof fetch;
	now?: () => number;
	/** Lifetime of the client assertion; 5 minutes. */
	assertionLifetimeSeconds?: number;
	/** A token is renewed this long before it expires (at most half its lifetime); 60 s. */
	renewBeforeMs?: number;
	timeoutMs?: number;
}

export interface AccessTokenClient {
	get(request: TokenRequest): Promise<AccessToken>;
	/** Forgets the cached token for this request, so the next `get` fetches a new one. */
	invalidate(request: TokenRequest): void;
}

/** Lifetime assumed when the platform does not say (`expires_in` is only RECOMMENDED in OAuth 2). */
const DEFAULT_EXPIRES_IN_SECONDS = 300;

export function cacheKey(request: TokenRequest): string {
	const scopes = [...new Set(request.scopes)].sort().join(' ');
	return JSON.stringify([request.tokenUrl, request.clientId, scopes, request.audience ?? null]);
}

/** The signed JWT the tool sends as `client_assertion`. */
export async function clientAssertion(
	request: TokenRequest,
	key: ToolSigningKey,
	nowMs: number,
	lifetimeSeconds = 300
): Promise<string> {
	const issuedAt = Math.floor(nowMs / 1000);
	return new SignJWT({})
		.setProtectedHeader({ alg: key.alg ?? 'RS256', kid: key.kid, typ: 'JWT' })
		.setIssuer(request.clientId)
		.setSubject(request.clientId)
		.setAudience(request.audience ?? request.tokenUrl)
		.setIssuedAt(issuedAt)
		.setExpirationTime(issuedAt + lifetimeSeconds)
		.setJti(randomUUID())
		.sign(key.privateKey);
}

export function createAccessTokenClient(options: AccessTokenClientOptions): AccessTokenClient {
	const doFetch = options.fetch ?? fetch;
	const now = options.now ?? Date.now;
	const renewBeforeMs = options.renewBeforeMs ?? 60_000;
	const cache = new Map<string, { token: AccessToken; renewAt: number }>();
	const inFlight = new Map<string, Promise<AccessToken>>();

	async function signingKey(): Promise<ToolSigningKey> {
		return typeof options.signingKey === 'function' ? options.signingKey() : options.signingKey;
	}

	async function requestToken(request: TokenRequest): Promise<AccessToken> {
		const requestedAt = now();
		const assertion = await clientAssertion(request, await signingKey(), requestedAt, options.assertionLifetimeSeconds);
		const body = new URLSearchParams({
			grant_type: 'client_credentials',
			client_assertion_type: CLIENT_ASSERTION_TYPE,
			client_assertion: assertion,
			scope: [...new Set(request.scopes)].join(' ')
		});
		let response: Response;
		try {
			response = await doFetch(request.tokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
				body,
				signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS)
			});
		} catch (error) {
			throw new AccessTokenError(
				`token request to ${request.tokenUrl} failed: ${describeError(error)}`,
				undefined,
				true
			);
		}
		if (!response.ok) {
			const { status } = response;
			throw new AccessTokenError(
				`token request to ${request.tokenUrl} answered ${status}${await bodyExcerpt(response)}`,
				status,
				status === 429 || status >= 500,
				retryAfter(response.headers.get('retry-after'))
			);
		}
		const json: unknown = await response.json().catch(() => undefined);
		return parseTokenResponse(json, request, requestedAt);
	}

	return {
		async get(request) {
			const key = cacheKey(request);
			const cached = cache.get(key);
			if (cached && now() < cached.renewAt) return cached.token;
			const pending = inFlight.get(key);
			if (pending) return pending;
			const fetching = requestToken(request)
				.then((token) => {
					const lifetime = token.expiresAt - now();
					cache.set(key, { token, renewAt: token.expiresAt - Math.min(renewBeforeMs, lifetime / 2) });
					return token;
				})
				.finally(() => inFlight.delete(key));
			inFlight.set(key, fetching);
			return fetching;
		},
		invalidate(request) {
			cache.delete(cacheKey(request));
		}
	};
}

function parseTokenResponse(json: unknown, request: TokenRequest, requestedAt: number): AccessToken {
	const fail = (why: string) => new AccessTokenError(`token response from ${request.tokenUrl} ${why}`, 200, false);
	if (!json || typeof json !== 'object') throw fail('is not JSON');
	const fields = json as Record<string, unknown>;
	if (typeof fields.access_token !== 'string' || !fields.access_token) throw fail('has no access_token');
	if (typeof fields.token_type !== 'string' || fields.token_type.toLowerCase() !== 'bearer')
		throw fail(`has token_type ${JSON.stringify(fields.token_type)}, not Bearer`);
	const expiresIn =
		typeof fields.expires_in === 'number' && fields.expires_in > 0 ? fields.expires_in : DEFAULT_EXPIRES_IN_SECONDS;
	const scopes = typeof fields.scope === 'string' ? fields.scope.split(' ').filter(Boolean) : [...request.scopes];
	// Counted from when the request left, so a slow answer cannot make the token outlive its expiry.
	return { token: fields.access_token, expiresAt: requestedAt + expiresIn * 1000, scopes };
}
