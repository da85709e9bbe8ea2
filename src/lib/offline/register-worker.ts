/**
 * Registers the offline worker (src/service-worker.ts) once the page has loaded and gone idle,
 * instead of SvelteKit's registration at start-up. Its install caches every built file; started
 * with the page, that work competed with hydration for the CPU (a cold lesson page at 4× CPU
 * blocked for a median 326 ms with the worker, 200 ms without). Offline reading starts a moment
 * later and is otherwise the same.
 */
import { dev } from '$app/environment';

/** Longest wait for an idle moment before registering anyway. */
const IDLE_TIMEOUT_MS = 10_000;

export function registerWorkerWhenIdle(): void {
	if (!('serviceWorker' in navigator)) return;
	// As SvelteKit registers it: a module in dev, a classic script in the build.
	const register = () =>
		void navigator.serviceWorker.register('/service-worker.js', { type: dev ? 'module' : 'classic' }).catch(() => {
			// No worker (a private window, storage off): the pages still work online.
		});
	const whenIdle = () =>
		'requestIdleCallback' in window
			? requestIdleCallback(register, { timeout: IDLE_TIMEOUT_MS })
			: setTimeout(register, 2_000);
	if (document.readyState === 'complete') whenIdle();
	else addEventListener('load', whenIdle, { once: true });
}
