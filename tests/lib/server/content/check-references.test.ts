/**
 * The loader's provenance checks: every source's URL must be one the document it traces to gives,
 * character for character. The fixture module keeps its own documents/ folder, as any module may,
 * so the checks run wherever the tests do, with or without shared/sources beside the repository.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closestUrl, urlsIn } from '$lib/server/content/check-references';
import { formatContentError } from '$lib/server/content/content-error';
import { loadCourse } from '$lib/server/content/load-course';

const VALID = 'tests/fixtures/courses/valid';
const DOCUMENTS = join(VALID, 'mini-module', 'documents');
const temps: string[] = [];

/** A copy of the valid fixture module with its sources.yaml edited. */
function courseWithSources(edit: (text: string) => string): string {
	const root = mkdtempSync(join(tmpdir(), 'backchannel-urls-'));
	temps.push(root);
	const lessons = join(root, 'lessons');
	cpSync(VALID, lessons, { recursive: true });
	const path = join(lessons, 'mini-module', 'sources.yaml');
	writeFileSync(path, edit(readFileSync(path, 'utf8')));
	return lessons;
}

async function errorsOf(lessonsDir: string): Promise<string[]> {
	const result = await loadCourse(lessonsDir);
	return result.errors.map(formatContentError);
}

afterEach(() => {
	for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('source URLs against their trace documents', () => {
	it('accepts a URL exactly as the trace document gives it', async () => {
		const { course, errors, notes } = await loadCourse(VALID);
		expect(errors.map(formatContentError)).toEqual([]);
		expect(course?.modules[0]?.sources[0]?.url).toBe('https://example.org/wire/calls');
		expect(notes).toEqual(["mini-module: each source's trace document and URL checked against mini-module/documents"]);
	});

	it('reports a URL the document does not give, at the url field, with the closest one it does', async () => {
		const lessons = courseWithSources((text) =>
			text.replace('https://example.org/wire/calls', 'https://example.org/wire/call')
		);
		expect(await errorsOf(lessons)).toEqual([
			'lessons/mini-module/sources.yaml:6:8 [0].url: expected a URL exactly as wire-digest.txt gives it ' +
				'(the closest there is "https://example.org/wire/calls"), found "https://example.org/wire/call"'
		]);
	});

	it('reports a URL on a host the document never mentions without guessing a replacement', async () => {
		const lessons = courseWithSources((text) =>
			text.replace('https://example.org/wire/calls', 'https://example.com/wire/calls')
		);
		expect(await errorsOf(lessons)).toEqual([
			'lessons/mini-module/sources.yaml:6:8 [0].url: expected a URL exactly as wire-digest.txt gives it, found "https://example.com/wire/calls"'
		]);
	});

	it('does not compare a primary record’s URL with the document, which cannot hold it', async () => {
		const lessons = courseWithSources((text) =>
			text
				.replace('https://example.org/wire/calls', 'https://records.example.gov/filing/4')
				.replace('kind: news', 'kind: primary')
		);
		expect(await errorsOf(lessons)).toEqual([]);
	});

	it('still reports a trace document that does not exist', async () => {
		const lessons = courseWithSources((text) => text.replace('wire-digest.txt', 'wire-digst.txt'));
		expect(await errorsOf(lessons)).toEqual([
			'lessons/mini-module/sources.yaml:8:10 [0].trace: expected a document in mini-module/documents, found "wire-digst.txt", which does not exist'
		]);
	});
});

describe('which documents a module is checked against', () => {
	it('says plainly when a module has no documents to check against, and checks nothing', async () => {
		const lessons = courseWithSources((text) =>
			text.replace('https://example.org/wire/calls', 'https://example.com/x')
		);
		rmSync(join(lessons, 'mini-module', 'documents'), { recursive: true });
		const { errors, notes } = await loadCourse(lessons);
		expect(errors).toEqual([]);
		expect(notes).toEqual([
			'mini-module: trace documents and source URLs NOT checked: the module has no documents/ folder and there is no shared/sources beside the project'
		]);
	});

	it('falls back to shared/sources for a module without its own documents', async () => {
		const lessons = courseWithSources((text) => text);
		const shared = join(lessons, '..', 'shared-sources');
		cpSync(join(lessons, 'mini-module', 'documents'), shared, { recursive: true });
		rmSync(join(lessons, 'mini-module', 'documents'), { recursive: true });
		const { errors, notes } = await loadCourse(lessons, { sourcesDir: shared });
		expect(errors).toEqual([]);
		expect(notes).toEqual(["mini-module: each source's trace document and URL checked against shared/sources"]);
	});
});

describe('urlsIn and closestUrl', () => {
	const text = readFileSync(join(DOCUMENTS, 'wire-digest.txt'), 'utf8');

	it('finds each URL whole, without Markdown brackets, titles or the full stop after it', () => {
		const urls = urlsIn(text);
		expect(urls.has('https://example.org/wire/calls')).toBe(true);
		expect(urls.has('https://example.org/wire/calls-follow-up')).toBe(true);
		expect(urls.has('https://example.org/digest/calls-2025')).toBe(true);
		expect([...urls].some((url) => url.includes('"') || url.endsWith(')'))).toBe(false);
	});

	it('suggests the candidate sharing the longest start, and none from another host', () => {
		const urls = urlsIn(text);
		expect(closestUrl('https://example.org/wire/calls-follow', urls)).toBe('https://example.org/wire/calls-follow-up');
		expect(closestUrl('https://example.org/digest/call', urls)).toBe('https://example.org/digest/calls-2025');
		expect(closestUrl('https://example.net/wire/calls', urls)).toBeUndefined();
	});
});
