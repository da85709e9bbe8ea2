/**
 * The tool's own RS256 signing keys (deep-linking responses, and the AGS client assertion).
 *
 * The first key is made on first use and kept in the database, so a restart or a backup keeps
 * the key platforms already know. Rotation adds a new key that signs from then on, while the old
 * one stays in the published key set until it is retired: platforms that cached the old set
 * refetch on the new `kid`, and nothing signed with the old key stops verifying meanwhile.
 */
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { LtiStore, ToolKeyRecord } from './store.ts';

export const TOOL_KEY_ALGORITHM = 'RS256';

export interface SigningKey {
	kid: string;
	key: CryptoKey;
}

export async function newToolKey(now: number): Promise<ToolKeyRecord> {
	const pair = await generateKeyPair(TOOL_KEY_ALGORITHM, { modulusLength: 2048, extractable: true });
	const publicJwk = await exportJWK(pair.publicKey);
	const kid = await calculateJwkThumbprint(publicJwk);
	return {
		kid,
		privateJwk: { ...(await exportJWK(pair.privateKey)), kid, alg: TOOL_KEY_ALGORITHM },
		publicJwk: { ...publicJwk, kid, alg: TOOL_KEY_ALGORITHM, use: 'sig' },
		createdAt: now,
		retiredAt: null
	};
}

/** The newest key that is not retired signs. */
function activeKey(keys: readonly ToolKeyRecord[]): ToolKeyRecord | undefined {
	return keys.filter((key) => key.retiredAt === null).at(-1);
}

// One generation at a time in this process, so two first requests do not make two keys.
let generating: Promise<ToolKeyRecord> | undefined;

/**
 * The active key, made (and stored) if there is none yet. Another process starting at the same
 * moment may make one too: the store keeps only the first (`addFirstToolKey`), and both then
 * sign with that one.
 */
export async function ensureActiveKey(store: LtiStore, now: number = Date.now()): Promise<ToolKeyRecord> {
	const active = activeKey(await store.listToolKeys());
	if (active) return active;
	generating ??= (async () => {
		try {
			const key = await newToolKey(now);
			if (await store.addFirstToolKey(key)) return key;
			const stored = activeKey(await store.listToolKeys());
			if (!stored) throw new Error('the tool has no active signing key, yet another one was just refused');
			return stored;
		} finally {
			generating = undefined;
		}
	})();
	return generating;
}

/** Adds a new active key; the previous ones stay published until `retireToolKey`. */
export async function rotateToolKey(store: LtiStore, now: number = Date.now()): Promise<ToolKeyRecord> {
	const key = await newToolKey(now);
	await store.addToolKey(key);
	return key;
}

/** Takes a key out of the published set; refuses to retire the last active key. */
export async function retireToolKey(store: LtiStore, kid: string, now: number = Date.now()): Promise<boolean> {
	const live = (await store.listToolKeys()).filter((key) => key.retiredAt === null);
	if (!live.some((key) => key.kid === kid)) return false;
	if (live.length === 1) throw new Error(`key ${kid} is the only active key: rotate first, then retire it`);
	return store.retireToolKey(kid, now);
}

/** The published key set (`/lti/jwks`): every key not retired, public parts only. */
export async function publicKeySet(store: LtiStore): Promise<{ keys: JWK[] }> {
	await ensureActiveKey(store);
	const keys = await store.listToolKeys();
	return { keys: keys.filter((key) => key.retiredAt === null).map((key) => key.publicJwk) };
}

export async function signingKey(store: LtiStore): Promise<SigningKey> {
	const record = await ensureActiveKey(store);
	const key = await importJWK(record.privateJwk, TOOL_KEY_ALGORITHM);
	if (key instanceof Uint8Array) throw new Error('the stored tool key is not an asymmetric key');
	return { kid: record.kid, key };
}
