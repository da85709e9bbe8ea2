import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		// Styles arrive inside the HTML instead of as render-blocking requests: each one would cost a
		// round trip before first paint (Lighthouse scored lesson pages 99 for it). Ours are a few kB.
		inlineStyleThreshold: 16_384,
		// The offline worker is registered once the page is idle (src/lib/offline/register-worker.ts).
		serviceWorker: { register: false },
		csrf: {
			// Cross-site form posts are refused in src/hooks.server.ts by host, not by scheme:
			// adapter-node assumes https without ORIGIN, which would refuse every classroom form
			// on a plain-HTTP school network (see src/lib/server/classroom/same-origin.ts).
			trustedOrigins: ['*']
		},
		prerender: {
			// A broken internal link or anchor in a lesson is an authoring error: fail the build.
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		}
	}
};

export default config;
