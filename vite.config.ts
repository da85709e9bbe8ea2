import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { lessonsPlugin } from './src/lib/server/content/vite-plugin.ts';

export default defineConfig({
	// BACKCHANNEL_LESSONS_DIR builds the app from another lessons folder (the benchmark's synthetic modules).
	plugins: [lessonsPlugin({ dir: process.env.BACKCHANNEL_LESSONS_DIR ?? 'lessons' }), sveltekit()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					// Loading a whole lessons folder takes seconds when other work shares the two cores;
					// 5 s failed such tests for load, not for a fault.
					testTimeout: 30_000,
					include: ['tests/**/*.test.ts'],
					exclude: ['tests/**/*.component.test.ts', 'tests/browser/**']
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					testTimeout: 30_000,
					setupFiles: ['tests/component-setup.ts'],
					include: ['tests/**/*.component.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'browser',
					environment: 'node',
					include: ['tests/browser/**/*.test.ts'],
					globalSetup: ['tests/browser/global-setup.ts'],
					// One production server and one Chromium serve every browser test file.
					fileParallelism: false,
					// Pages checked side by side share two cores: more than three at once only
					// stretches each one towards its timeout without finishing the file sooner.
					maxConcurrency: 3,
					// A whole lesson answered by keyboard takes tens of seconds when the two cores are busy.
					testTimeout: 120_000,
					hookTimeout: 240_000
				}
			}
		]
	}
});
