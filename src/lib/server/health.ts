/**
 * What `GET /health` answers: 200 when this process can reach its store, 503 when it cannot (or
 * not within `timeoutMs`), so a load balancer stops sending classes to a process that would fail
 * their hand-ins. The reason goes to the log, not to the (public) response.
 */
import type { ClassroomRepository } from '$lib/server/db';

export interface Health {
	status: 200 | 503;
	body: { status: 'ok' | 'unavailable' };
}

export async function checkHealth(store: () => ClassroomRepository, timeoutMs = 5_000): Promise<Health> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`the store did not answer within ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		await Promise.race([Promise.resolve().then(() => store().ping()), timeout]);
		return { status: 200, body: { status: 'ok' } };
	} catch (error) {
		console.error('health check failed:', error instanceof Error ? error.message : error);
		return { status: 503, body: { status: 'unavailable' } };
	} finally {
		clearTimeout(timer);
	}
}
