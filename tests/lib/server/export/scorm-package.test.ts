/**
 * The package around the pages: manifest, schema files, launch page and the answer keys it
 * carries. The pages here are stand-ins; tests/browser/scorm.test.ts packages the real build.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Module, Question } from '$lib/model/course';
import type { PackageData } from '$lib/scorm/package-data';
import { scormPackage } from '$lib/server/export/scorm/scorm-package';
import type { SitePages } from '$lib/server/export/scorm/site-pages';
import { everyTypeModule } from './every-type-module';

const site: SitePages = {
	files: new Map([
		['every-type.html', new TextEncoder().encode('<!doctype html><title>Overview</title>')],
		['every-type/the-call.html', new TextEncoder().encode('<!doctype html><title>The call</title>')]
	]),
	pages: ['every-type.html', 'every-type/the-call.html'],
	start: 'every-type.html'
};

/** A correct-response pattern read back into the answer it stands for, in the lesson files' terms. */
function answerOf(pattern: string, question: Question, version: PackageData['version']): unknown {
	const [list, pair] = version === '1.2' ? [',', '.'] : ['[,]', '[.]'];
	const pairs = () => Object.fromEntries(pattern.split(list).map((entry) => entry.split(pair)));
	switch (question.type) {
		case 'truefalse':
			return version === '1.2' ? pattern === 't' : pattern === 'true';
		case 'multiple':
		case 'ordering':
			return pattern.split(list);
		case 'matching':
		case 'classification':
			return pairs();
		default:
			return pattern;
	}
}

describe.each(['1.2', '2004'] as const)('the SCORM %s package', (version) => {
	let module: Module;
	let files: Record<string, Uint8Array>;
	const text = (path: string) => new TextDecoder().decode(files[path]);
	beforeAll(async () => {
		module = await everyTypeModule();
		files = unzipSync(scormPackage(module, version, site, '/* launch script */'));
	});

	it('carries every public question with its key, the same as the lesson files', () => {
		const json = /<script type="application\/json" id="backchannel-package">(.*?)<\/script>/s.exec(
			text('index.html')
		)?.[1];
		const data = JSON.parse(json ?? '{}') as PackageData;
		const questions = module.lessons.flatMap((lesson) => lesson.quiz.questions);
		expect(data.questions.map((question) => question.id)).toEqual(questions.map((question) => question.id));
		for (const [index, question] of questions.entries()) {
			const key = question.type === 'multiple' ? [...question.answer].sort() : question.answer;
			expect(answerOf(data.questions[index]?.pattern ?? '', question, version), question.id).toEqual(key);
		}
		expect(data).toMatchObject({ version, start: 'every-type.html', pages: site.pages });
	});

	it('declares one SCO, launched by index.html, listing every file, with the pass mark', () => {
		const manifest = text('imsmanifest.xml');
		expect(XMLValidator.validate(manifest)).toBe(true);
		const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' }).parse(manifest) as {
			manifest: Record<string, Record<string, unknown>>;
		};
		const resource = (parsed.manifest.resources?.resource ?? {}) as Record<string, unknown>;
		expect(resource['@_href']).toBe('index.html');
		expect(resource[version === '1.2' ? '@_adlcp:scormtype' : '@_adlcp:scormType']).toBe('sco');
		const listed = ((resource.file as { '@_href': string }[]) ?? []).map((file) => file['@_href']);
		expect(listed).toEqual(
			Object.keys(files)
				.filter((path) => path !== 'imsmanifest.xml')
				.sort()
		);
		expect(parsed.manifest.metadata?.schemaversion).toBe(version === '1.2' ? 1.2 : '2004 4th Edition');
		if (version === '1.2') expect(manifest).toContain('<adlcp:masteryscore>77</adlcp:masteryscore>');
		else expect(manifest).toContain('<imsss:minNormalizedMeasure>0.771</imsss:minNormalizedMeasure>');
	});

	it('includes the schema files the manifest names, beside it', () => {
		const manifest = text('imsmanifest.xml');
		const locations = /xsi:schemaLocation="([^"]*)"/.exec(manifest)?.[1]?.split(' ') ?? [];
		const schemaFiles = locations.filter((_, index) => index % 2 === 1);
		// 1.2's metadata schema is named for completeness; the package has no metadata to check with it.
		expect(schemaFiles.length).toBeGreaterThanOrEqual(3);
		for (const file of schemaFiles) expect(files[file], file).toBeDefined();
	});

	it('is the same bytes every time', () => {
		expect(scormPackage(module, version, site, '/* launch script */')).toEqual(
			scormPackage(module, version, site, '/* launch script */')
		);
	});
});
