/**
 * Components rendered to a string at build time (`renderStatic`) reach the browser as markup only:
 * the page never imports them, so their styles arrive only if they inject them into the rendered
 * head (`<svelte:options css="injected" />`), which `renderStatic` collects. A component in that
 * tree that forgets it renders unstyled, silently. This check follows every `renderStatic` call to
 * its component and that component's own Svelte imports, and asks each one with a `<style>` block
 * to inject it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');
const LIB = join(SRC, 'lib');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
	});
}

/** The `.svelte` files a module imports, by the name it imports them as. */
function svelteImports(file: string): Map<string, string> {
	const imports = new Map<string, string>();
	for (const [, name, path] of readFileSync(file, 'utf8').matchAll(/import\s+(\w+)\s+from\s+'([^']+\.svelte)'/g)) {
		if (!name || !path) continue;
		imports.set(name, path.startsWith('$lib/') ? join(LIB, path.slice(5)) : resolve(dirname(file), path));
	}
	return imports;
}

/**
 * Every component some `renderStatic(Component, ...)` call renders, with its file; and the calls
 * whose component is not a default import of a `.svelte` file, which this check cannot follow.
 */
function staticRoots(): { roots: string[]; unfollowed: string[] } {
	const roots = new Set<string>();
	const unfollowed: string[] = [];
	for (const file of sourceFiles(SRC).filter((path) => path.endsWith('.ts'))) {
		const text = readFileSync(file, 'utf8');
		const imports = svelteImports(file);
		for (const [, name] of text.matchAll(/renderStatic\((\w+)\s*,/g)) {
			const component = name && imports.get(name);
			if (component) roots.add(component);
			else unfollowed.push(`${relative(SRC, file)}: ${name}`);
		}
	}
	return { roots: [...roots], unfollowed };
}

function tree(roots: string[]): string[] {
	const seen = new Set<string>();
	const queue = [...roots];
	for (let file = queue.pop(); file; file = queue.pop()) {
		if (seen.has(file)) continue;
		seen.add(file);
		queue.push(...svelteImports(file).values());
	}
	return [...seen].sort();
}

describe('components rendered to static markup', () => {
	const { roots, unfollowed } = staticRoots();
	const components = tree(roots);

	it('are all found: every renderStatic call names an imported component', () => {
		expect(unfollowed).toEqual([]);
		expect(roots.length).toBeGreaterThan(5);
	});

	it('inject their styles, so the page that shows their markup has them', () => {
		const missing = components.filter((file) => {
			const text = readFileSync(file, 'utf8');
			return /<style[\s>]/.test(text) && !/<svelte:options[^>]*css="injected"/.test(text);
		});
		expect(missing.map((file) => relative(SRC, file))).toEqual([]);
	});
});
