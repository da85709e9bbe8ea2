/**
 * OIDC third-party login initiation (LTI Core 1.3, §5.1.1): the platform sends the browser here
 * with its issuer and hints; the tool remembers a fresh state and nonce and sends the browser on
 * to the platform's authorization endpoint, which posts the id token back to /lti/launch.
 */
import { randomBytes } from 'node:crypto';
import type { PlatformRegistry } from './platforms.ts';
import type { LtiStore } from './store.ts';

/** How long the platform has to answer a login with its launch. */
export const STATE_LIFETIME_MS = 10 * 60_000;

export const LAUNCH_PATH = '/lti/launch';

export type LoginResult = { ok: true; redirect: URL } | { ok: false; status: 400 | 403; what: string };

export interface LoginDependencies {
	store: LtiStore;
	registry: PlatformRegistry;
	/** The tool's public origin (where the platform posts the launch). */
	toolOrigin: string;
	now: number;
}

export async function startLogin(params: URLSearchParams, deps: LoginDependencies): Promise<LoginResult> {
	const issuer = params.get('iss');
	const loginHint = params.get('login_hint');
	const clientId = params.get('client_id');
	if (!issuer) return { ok: false, status: 400, what: 'missing iss: the login initiation names no issuer' };
	if (!loginHint) return { ok: false, status: 400, what: 'missing login_hint: the login initiation has no login_hint' };
	const candidates = deps.registry.platforms.filter(
		(platform) => platform.issuer === issuer && (clientId === null || platform.clientId === clientId)
	);
	if (candidates.length === 0) {
		return {
			ok: false,
			status: 403,
			what: `unknown platform: no registration for issuer ${issuer}${clientId ? ` with client id ${clientId}` : ''}`
		};
	}
	const [platform] = candidates;
	if (!platform || candidates.length > 1) {
		return {
			ok: false,
			status: 400,
			what: `missing client_id: issuer ${issuer} is registered more than once, so the login must name its client_id`
		};
	}
	// Each login clears what has expired (states, nonces, hand-offs): the tables stay as small as
	// the launches of the last hour or so.
	await deps.store.pruneExpired(deps.now);
	const state = randomBytes(32).toString('base64url');
	const nonce = randomBytes(32).toString('base64url');
	await deps.store.saveState({
		state,
		issuer: platform.issuer,
		clientId: platform.clientId,
		nonce,
		createdAt: deps.now,
		expiresAt: deps.now + STATE_LIFETIME_MS
	});
	const redirect = new URL(platform.authUrl);
	const query: Record<string, string> = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: platform.clientId,
		redirect_uri: `${deps.toolOrigin}${LAUNCH_PATH}`,
		login_hint: loginHint,
		state,
		nonce
	};
	const messageHint = params.get('lti_message_hint');
	if (messageHint) query.lti_message_hint = messageHint;
	for (const [name, value] of Object.entries(query)) redirect.searchParams.set(name, value);
	return { ok: true, redirect };
}
