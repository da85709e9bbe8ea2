/** The health check on a real store: ok while it answers, 503 once it cannot. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openRepository, type ClassroomRepository } from '$lib/server/db';
import { checkHealth } from '$lib/server/health';

const dataDir = mkdtempSync(join(tmpdir(), 'backchannel-health-'));
afterEach(() => vi.restoreAllMocks());

describe('checkHealth', () => {
	it('answers 200 while the store answers, and 503 once it is closed or not open at all', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const store = openRepository(dataDir);
		expect(await checkHealth(() => store)).toEqual({ status: 200, body: { status: 'ok' } });
		await store.close();
		expect(await checkHealth(() => store)).toEqual({ status: 503, body: { status: 'unavailable' } });
		const notOpen = (): ClassroomRepository => {
			throw new Error('The classroom store is not open');
		};
		expect((await checkHealth(notOpen)).status).toBe(503);
		rmSync(dataDir, { recursive: true, force: true });
	});

	it('answers 503 when the store does not answer in time', async () => {
		vi.spyOn(console, 'error').mockImplementation(() => undefined);
		const hanging = { ping: () => new Promise<void>(() => undefined) } as unknown as ClassroomRepository;
		expect(await checkHealth(() => hanging, 50)).toEqual({ status: 503, body: { status: 'unavailable' } });
	});
});
