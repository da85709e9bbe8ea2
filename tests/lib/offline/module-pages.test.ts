import { describe, expect, it } from 'vitest';
import { cacheableModulePages, moduleOf } from '$lib/offline/module-pages';

const prerendered = [
	'/',
	'/__data.json',
	'/mod',
	'/mod/__data.json',
	'/mod/lesson-one',
	'/mod/lesson-one/__data.json',
	'/mod/lesson-one/key',
	'/mod/lesson-one/key/__data.json',
	'/mod/map',
	'/mod/map.json',
	'/other',
	'/other/map'
];

describe('the pages the service worker caches for a module', () => {
	it('knows the module of each of its pages, and of nothing else', () => {
		expect(moduleOf(prerendered, '/mod/lesson-one')).toBe('mod');
		expect(moduleOf(prerendered, '/mod/map.json')).toBe('mod');
		expect(moduleOf(prerendered, '/')).toBeUndefined();
		expect(moduleOf(prerendered, '/teach')).toBeUndefined();
		expect(moduleOf(prerendered, '/favicon.svg')).toBeUndefined();
	});

	it('caches every page and data file of the module, not the answer keys or another module', () => {
		expect(cacheableModulePages(prerendered, 'mod')).toEqual([
			'/mod',
			'/mod/__data.json',
			'/mod/lesson-one',
			'/mod/lesson-one/__data.json',
			'/mod/map',
			'/mod/map.json'
		]);
	});
});
