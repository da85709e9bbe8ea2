/**
 * The classroom's codes and secrets.
 *
 * - Join code: 6 characters a teacher reads out or writes on the board, from an alphabet without
 *   look-alikes (no 0/O, 1/I/L). 31^6 ≈ 8.9e8 codes; guessing is rate limited.
 * - Resume code: 12 such characters (≈ 59 bits), shown to one student, hashed in the store.
 *   Together with the rate limit it keeps one student out of another's answers.
 * - Dashboard key: 32 random bytes (256 bits) in base64url, hashed in the store and compared in
 *   constant time.
 * - Session token: 32 random bytes naming one signed-in device, so signing out can retire it.
 *
 * Hashes are HMAC-SHA-256 under the store's random key: with a bare hash, anyone holding a copy
 * of the database could try all 8.9e8 × … resume codes offline; with the HMAC they also need the
 * key. Bare SHA-256 (`hashSecret`) is kept only to recognise rows written before the HMAC.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { SecretHashes } from '$lib/server/db';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
export const RESUME_CODE_LENGTH = 12;
const DASHBOARD_KEY_BYTES = 32;

function randomCode(length: number): string {
	let code = '';
	for (let i = 0; i < length; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
	return code;
}

/** Upper-cases and drops spaces and dashes; `undefined` when the result cannot be a code of that length. */
function normalizeCode(input: string, length: number): string | undefined {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== length) return undefined;
	return [...code].every((character) => CODE_ALPHABET.includes(character)) ? code : undefined;
}

export function newJoinCode(): string {
	return randomCode(JOIN_CODE_LENGTH);
}

export function normalizeJoinCode(input: string): string | undefined {
	return normalizeCode(input, JOIN_CODE_LENGTH);
}

export function newResumeCode(): string {
	return randomCode(RESUME_CODE_LENGTH);
}

export function normalizeResumeCode(input: string): string | undefined {
	return normalizeCode(input, RESUME_CODE_LENGTH);
}

/** `ABCD-EFGH-JKMN`: easier to copy by hand. */
export function formatResumeCode(code: string): string {
	return code.match(/.{1,4}/g)?.join('-') ?? code;
}

export function newDashboardKey(): string {
	return randomBytes(DASHBOARD_KEY_BYTES).toString('base64url');
}

/** Public identifiers (assignments, students): unguessability is not needed, uniqueness is. */
export function newId(): string {
	return randomBytes(12).toString('base64url');
}

export function newSessionToken(): string {
	return randomBytes(32).toString('base64url');
}

/** The legacy hash: bare SHA-256, as stored before schema version 2. */
export function hashSecret(secret: string): Uint8Array {
	return new Uint8Array(createHash('sha256').update(secret, 'utf8').digest());
}

export function hmacSecret(key: Uint8Array, secret: string): Uint8Array {
	return new Uint8Array(createHmac('sha256', key).update(secret, 'utf8').digest());
}

export function secretHashes(key: Uint8Array, secret: string): SecretHashes {
	return { hmac: hmacSecret(key, secret), sha256: hashSecret(secret) };
}

/** Compares two hashes in time independent of where they differ. */
export function hashesMatch(presented: Uint8Array, stored: Uint8Array): boolean {
	return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Compares a presented secret with a stored legacy SHA-256 hash. */
export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
	return hashesMatch(hashSecret(secret), storedHash);
}
