import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter(),
		prerender: {
			// A broken internal link or anchor in a lesson is an authoring error: fail the build.
			handleHttpError: 'fail',
			handleMissingId: 'fail'
		}
	}
};

export default config;
