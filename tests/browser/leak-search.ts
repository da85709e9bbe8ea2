/**
 * Searches a build's output for held-back assessment items. Each item gives its needles (ids and
 * the texts a learner would recognise), and each needle is looked for as written, as it appears
 * inside a JSON or JS string, and as HTML text, in every file, compressed copies unpacked.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AssessmentBank } from '$lib/model/assessment';
import type { Question } from '$lib/model/course';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** Shorter runs of text ("Source: ", "[") are not the item's own words. */
const MIN_RUN = 12;

/**
 * The item's own words in rendered inline Markdown: each run of text between tags, without the
 * citations and actor links, whose labels (an outlet, a person's name) are public anyway.
 */
function textRuns(html: string): string[] {
	return html
		.replace(/<span class="cite">[\s\S]*?\]<\/span>/g, '<>')
		.replace(/<a\b[^>]*>[\s\S]*?<\/a>/g, '<>')
		.split(/<[^>]*>/)
		.map((run) => run.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity).trim())
		.filter((run) => run.length >= MIN_RUN);
}

function questionNeedles(question: Question): string[] {
	// Not the hint: a hint may repeat a public question's ("look among the criticism lines…"),
	// and it gives nothing away that the public page does not.
	const texts = [question.id, ...textRuns(question.promptHtml)];
	switch (question.type) {
		case 'single':
		case 'multiple':
			texts.push(...question.options.map((option) => option.text));
			break;
		case 'classification':
			texts.push(...question.statements.map((statement) => statement.text));
			break;
		case 'matching':
			texts.push(...question.quotes.map((quote) => quote.text));
			break;
		// Ordering items are event titles and map answers are actors: both public by design.
		case 'ordering':
		case 'truefalse':
		case 'map':
			break;
	}
	return texts;
}

/** Every id and text of the bank that must not reach a browser before it is answered. */
export function heldBackNeedles(bank: AssessmentBank): string[] {
	const needles = bank.modules.flatMap((module) =>
		module.lessons.flatMap((lesson) =>
			lesson.slots.flatMap((slot) => [slot.id, ...slot.variants.flatMap(questionNeedles)])
		)
	);
	return [...new Set(needles)];
}

function htmlEscaped(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The forms a text takes in output: as written, inside a JSON/JS string, and as HTML text. */
function forms(needle: string): string[] {
	return [
		...new Set([
			needle,
			JSON.stringify(needle).slice(1, -1),
			htmlEscaped(needle),
			htmlEscaped(needle).replace(/'/g, '&#39;')
		])
	];
}

function contents(path: string): string {
	const bytes = readFileSync(path);
	if (path.endsWith('.gz')) return gunzipSync(bytes).toString('utf8');
	if (path.endsWith('.br')) return brotliDecompressSync(bytes).toString('utf8');
	return bytes.toString('utf8');
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? filesUnder(path) : [path];
	});
}

export interface Hit {
	/** Relative to the searched folder. */
	file: string;
	needle: string;
}

/** Every file under `dir` (compressed copies unpacked) that holds a needle, in any of its forms. */
export function findNeedles(dir: string, needles: readonly string[]): Hit[] {
	const searched = needles.map((needle) => ({ needle, forms: forms(needle) }));
	return filesUnder(dir)
		.sort()
		.flatMap((path) => {
			const text = contents(path);
			return searched
				.filter(({ forms: variants }) => variants.some((form) => text.includes(form)))
				.map(({ needle }) => ({ file: relative(dir, path), needle }));
		});
}
