/**
 * The README's "How the code is laid out" matches the tree: every path it names exists, and
 * every folder of src/lib and src/lib/server is named, so a new folder cannot go unexplained.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync('README.md', 'utf8');
const section = readme.slice(readme.indexOf('## How the code is laid out'), readme.indexOf('## Benchmark'));
/** The paths in the section's table's first column. */
const named = [...section.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1] ?? '');

function folders(parent: string): string[] {
	return readdirSync(parent, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => `${parent}/${entry.name}/`);
}

describe('README code map', () => {
	it('names only paths that exist', () => {
		expect(named.length).toBeGreaterThan(10);
		expect(named.filter((path) => !existsSync(path))).toEqual([]);
	});

	it('names every folder of src/lib and src/lib/server (or a file in it)', () => {
		const unnamed = [...folders('src/lib'), ...folders('src/lib/server')].filter(
			(folder) => !named.some((path) => path.startsWith(folder))
		);
		expect(unnamed).toEqual([]);
	});
});
