/**
 * What the AGS tests share: a fake clock the outbox, the token client and the gradebook all read,
 * the tool's key pair, and a classroom database in a temp folder that can be closed and reopened
 * ("a restart").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JSONWebKeySet } from 'jose';
import { openRepository, type SqliteClassroomRepository } from '$lib/server/db';
import type { ToolSigningKey } from '$lib/server/lti/ags/access-token';
import type { WorkerClock } from '$lib/server/lti/timed-worker';

/** Time stands still until a test moves it; timers fire when it passes them. */
export class FakeClock implements WorkerClock {
	#timers = new Map<number, { at: number; callback: () => void }>();
	#nextId = 1;
	constructor(public time = Date.UTC(2026, 11, 3, 9, 0, 0, 0)) {}
	now = (): number => this.time;
	setTimeout = (callback: () => void, ms: number): unknown => {
		const id = this.#nextId++;
		this.#timers.set(id, { at: this.time + ms, callback });
		return id;
	};
	clearTimeout = (handle: unknown): void => {
		this.#timers.delete(handle as number);
	};
	/** Moves time on by `ms`, firing the timers it passes, earliest first. */
	advance(ms: number): void {
		this.time += ms;
		for (;;) {
			const due = [...this.#timers].filter(([, timer]) => timer.at <= this.time).sort(([, a], [, b]) => a.at - b.at);
			const first = due[0];
			if (!first) return;
			this.#timers.delete(first[0]);
			first[1].callback();
		}
	}
	get pendingTimers(): number {
		return this.#timers.size;
	}
}

export interface ToolKeys {
	signingKey: ToolSigningKey;
	keySet: JSONWebKeySet;
}

export async function toolKeys(kid = 'tool-key-1'): Promise<ToolKeys> {
	const { privateKey, publicKey } = await generateKeyPair('RS256');
	const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
	return { signingKey: { kid, privateKey }, keySet: { keys: [jwk] } };
}

/** A classroom database in a temp folder; `reopen` closes it and opens the same file again. */
export class TempDatabase {
	readonly dir = mkdtempSync(join(tmpdir(), 'backchannel-ags-'));
	repository: SqliteClassroomRepository = openRepository(this.dir);
	reopen(): SqliteClassroomRepository {
		this.repository.close();
		this.repository = openRepository(this.dir);
		return this.repository;
	}
	remove(): void {
		this.repository.close();
		rmSync(this.dir, { recursive: true, force: true });
	}
}
