import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '$lib/server/content/json-schemas';

describe('the JSON Schemas under lessons/schema', () => {
	const schemas = Object.entries(jsonSchemas());

	it('cover the site, module, actors, events, sources, lesson and assessment files', () => {
		expect(schemas.map(([name]) => name).sort()).toEqual([
			'actors.schema.json',
			'assessment.schema.json',
			'events.schema.json',
			'lesson.schema.json',
			'module.schema.json',
			'site.schema.json',
			'sources.schema.json'
		]);
	});

	it.each(schemas)('%s is up to date with the zod schema (run `npm run lessons:schema`)', (name, schema) => {
		const written: unknown = JSON.parse(readFileSync(join('lessons', 'schema', name), 'utf8'));
		expect(written).toEqual(schema);
	});

	it('describes question types as a closed list for editor completion', () => {
		const lesson = JSON.stringify(Object.fromEntries(schemas)['lesson.schema.json']);
		for (const type of ['single', 'multiple', 'truefalse', 'ordering', 'matching', 'classification', 'map']) {
			expect(lesson).toContain(`"const":"${type}"`);
		}
	});
});
