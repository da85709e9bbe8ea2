import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'screenshots/', 'bench-results/', 'data/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig }
		}
	},
	{
		rules: {
			// Unused names are errors, except those deliberately ignored with a leading underscore.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// Every `{@html}` inserts markup made by our own code: lesson Markdown rendered by the loader
			// (raw HTML in a lesson is refused, see src/lib/server/content/markdown.ts) or components
			// rendered with svelte/server. None carries text a visitor typed.
			'svelte/no-at-html-tags': 'off',
			// The app is served at the root of its host and sets no `paths.base`, so a link's path is
			// its route: wrapping each one in `resolve()` would change no URL.
			'svelte/no-navigation-without-resolve': 'off',
			// prettier-plugin-svelte writes `{' '}` where a space between elements is meaningful.
			'svelte/no-useless-mustaches': 'off',
			// A file longer than this is doing too much; one that must be longer says why at its top
			// (`/* eslint-disable max-lines -- <why> */`).
			'max-lines': ['error', { max: 400 }]
		}
	}
);
