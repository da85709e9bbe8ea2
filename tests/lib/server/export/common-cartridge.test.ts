import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Module } from '$lib/model/course';
import { answerKey } from '$lib/server/export/answer-key';
import { ASSESSMENT_TYPE, commonCartridge } from '$lib/server/export/common-cartridge';
import { allQuestions, publicItems } from '$lib/server/export/items';
import { qtiCannotExpress } from '$lib/server/export/qti';
import { everyTypeModule } from './every-type-module';
import { itemsOf, keyOfItem, metadataOf, scoringConditions, textOf } from './read-qti';

type Element = Record<string, unknown>;

describe('Common Cartridge 1.3 export', () => {
	let module: Module;
	let files: Record<string, string>;
	let items: Element[];
	const byId = (id: string): Element => {
		const found = items.find((item) => item['@_title'] === id);
		if (!found) throw new Error(`no item ${id}`);
		return found;
	};

	beforeAll(async () => {
		module = await everyTypeModule();
		const unzipped = unzipSync(commonCartridge(module, publicItems(module)));
		files = Object.fromEntries(
			Object.entries(unzipped).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)])
		);
		items = Object.entries(files)
			.filter(([path]) => path.startsWith('assessments/'))
			.sort(([a], [b]) => a.localeCompare(b))
			.flatMap(([, xml]) => itemsOf(xml));
	});

	it('writes only well-formed XML', () => {
		for (const [path, text] of Object.entries(files)) {
			if (path.endsWith('.xml')) expect(XMLValidator.validate(text), path).toBe(true);
		}
	});

	it('round-trips every expressible question: same count, same correct answers', () => {
		const expressible = allQuestions(publicItems(module)).filter((question) => !qtiCannotExpress(question));
		expect(items.map((item) => item['@_title'])).toEqual(expressible.map((question) => question.id));
		expect(items.map(keyOfItem)).toEqual(expressible.map(answerKey));
		expect(files['assessments/the-report/assessment.xml']).toContain('<!-- Not exported: question "find-boris" (map)');
	});

	it('declares a manifest whose every reference resolves to a file in the cartridge', () => {
		const parser = new XMLParser({
			ignoreAttributes: false,
			attributeNamePrefix: '@_',
			isArray: (name) => ['item', 'resource'].includes(name)
		});
		const manifest = parser.parse(files['imsmanifest.xml'] ?? '') as { manifest: Element };
		const root = manifest.manifest;
		expect(root['@_xmlns']).toBe('http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1');
		expect(root.metadata).toMatchObject({ schema: 'IMS Common Cartridge', schemaversion: '1.3.0' });
		const resources = ((root.resources as Element).resource as Element[]) ?? [];
		for (const resource of resources) {
			expect(files[String((resource.file as Element)['@_href'])], String(resource['@_identifier'])).toBeDefined();
		}
		const assessments = resources.filter((resource) => resource['@_type'] === ASSESSMENT_TYPE);
		expect(assessments.map((resource) => resource['@_identifier'])).toEqual(['quiz-the-call', 'quiz-the-report']);
		const ids = new Set(resources.map((resource) => resource['@_identifier']));
		const refs = JSON.stringify(root.organizations).match(/"@_identifierref":"[^"]+"/g) ?? [];
		expect(refs).toHaveLength(4);
		for (const ref of refs) expect(ids.has(ref.split(':')[1]?.replaceAll('"', ''))).toBe(true);
	});

	it('writes a single-choice question as cc.multiple_choice: one response, every option, the right one scored 100', () => {
		const item = byId('who-called');
		expect(metadataOf(item).cc_profile).toBe('cc.multiple_choice.v0p1');
		const [response] = (item.presentation as Element).response_lid as Element[];
		expect(response?.['@_rcardinality']).toBe('Single');
		expect(((response?.render_choice as Element).response_label as Element[]).map(textOf)).toEqual([
			'Ana Envoy',
			'Boris Aide: the one who {answered} = 100%'
		]);
		expect(scoringConditions(item).map((condition) => condition.setvar)).toEqual([
			{ '@_varname': 'SCORE', '@_action': 'Set', '#text': 100 }
		]);
	});

	it('writes a multiple-select question as cc.multiple_response: right options required, wrong ones excluded', () => {
		const item = byId('what-was-said');
		expect(metadataOf(item).cc_profile).toBe('cc.multiple_response.v0p1');
		const [condition] = scoringConditions(item);
		const and = (condition?.conditionvar as Element).and as Element;
		expect((and.varequal as Element[]).map((varequal) => varequal['#text'])).toEqual(['called', 'denied']);
		expect((and.not as Element[]).map((not) => ((not.varequal as Element[])[0] ?? {})['#text'])).toEqual(['met']);
	});

	it('writes a true/false question as cc.true_false with True and False choices', () => {
		const item = byId('call-happened');
		expect(metadataOf(item).cc_profile).toBe('cc.true_false.v0p1');
		expect(keyOfItem(item).correct).toEqual(['false']);
	});

	it('writes matching, ordering and classification with one response per part whose shares add to 100', () => {
		for (const [id, parts, answers] of [
			['who-said', 2, 3],
			['call-order', 3, 3],
			['kinds', 3, 5]
		] as const) {
			const item = byId(id);
			expect(metadataOf(item).question_type, id).toBe('matching_question');
			const responses = (item.presentation as Element).response_lid as Element[];
			expect(responses, id).toHaveLength(parts);
			for (const response of responses) {
				expect(((response.render_choice as Element).response_label as Element[]).length, id).toBe(answers);
			}
			const conditions = scoringConditions(item);
			expect(
				conditions.every((condition) => condition['@_continue'] === 'Yes'),
				id
			).toBe(true);
			const total = conditions.reduce((sum, condition) => sum + Number((condition.setvar as Element)['#text']), 0);
			expect(total, id).toBeCloseTo(100, 1);
		}
	});

	it('includes each lesson as a page whose citations resolve and whose site links do not dangle', () => {
		const page = files['lessons/the-call.html'] ?? '';
		expect(page).toContain('<h2>The call</h2>');
		expect(page).toContain('href="#source-wire-report"');
		expect(page).toContain('<li id="source-wire-report">');
		expect(page).not.toMatch(/href="\//);
	});

	it('is the same bytes every time', () => {
		expect(commonCartridge(module, publicItems(module))).toEqual(commonCartridge(module, publicItems(module)));
	});
});
