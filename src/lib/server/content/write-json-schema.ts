/**
 * `npm run lessons:schema`: writes the JSON Schemas of the lesson files, generated from the zod
 * schemas, under lessons/schema/ so editors can complete and check lesson files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas } from './json-schemas.ts';

const dir = join(process.argv[2] ?? 'lessons', 'schema');
mkdirSync(dir, { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
	writeFileSync(join(dir, name), `${JSON.stringify(schema, null, '\t')}\n`);
	console.log(`wrote ${join(dir, name)}`);
}
