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
		prerender: {
			// A broken internal link or anchor in a lesson is an authoring error: fail the build.
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		}
	}
};

export default config;
