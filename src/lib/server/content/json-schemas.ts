/** The JSON Schemas of the lesson files, derived from the zod schemas that the loader enforces. */
import { z } from 'zod';
import {
	actorsFileSchema,
	assessmentFileSchema,
	eventsFileSchema,
	lessonFrontmatterSchema,
	moduleFileSchema,
	siteFileSchema,
	sourcesFileSchema
} from './schema.ts';

const FILES = {
	'site.schema.json': ['Site-wide copy of a Backchannel course (site.yaml, optional)', siteFileSchema],
	'module.schema.json': ['A Backchannel module file (module.yaml)', moduleFileSchema],
	'actors.schema.json': ['The cast of a Backchannel module (actors.yaml)', actorsFileSchema],
	'events.schema.json': ['The dated events of a Backchannel module (events.yaml)', eventsFileSchema],
	'sources.schema.json': ['The sources of a Backchannel module (sources.yaml)', sourcesFileSchema],
	'lesson.schema.json': ['The frontmatter of a Backchannel lesson (<slug>.md)', lessonFrontmatterSchema],
	'assessment.schema.json': [
		'The held-back assessment items of a Backchannel lesson (assessment/<slug>.yaml)',
		assessmentFileSchema
	]
} as const;

export function jsonSchemas(): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(FILES).map(([name, [title, schema]]) => [
			name,
			// "input": the schema of what authors write, where defaulted fields are optional.
			{ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }
		])
	);
}
