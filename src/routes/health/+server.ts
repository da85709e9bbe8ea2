/** `GET /health` for load balancers and uptime checks: see $lib/server/health. */
import { json } from '@sveltejs/kit';
import { repository } from '$lib/server/db';
import { checkHealth } from '$lib/server/health';
import type { RequestHandler } from './$types';

// Answered by each running process, never built into a static file.
export const prerender = false;

export const GET: RequestHandler = async () => {
	const { status, body } = await checkHealth(repository);
	return json(body, { status, headers: { 'cache-control': 'no-store' } });
};
