/**
 * Relation kinds come from the module: `relationKinds` in module.yaml, or the default set without
 * it. Each case is a copy of the valid fixture module with module.yaml or events.yaml edited, and
 * its located message asserted whole.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RELATION_KINDS } from '$lib/model/relation-kinds';
import { loadCourse } from '$lib/server/content/load-course';
import { RELATION_STYLE_COUNT } from '$lib/network/symbols';
import { brokenCourse, errorLines, removeBrokenCourses, VALID_COURSE } from '../../../fixtures/broken-course';
import { everyTypeModule } from '../export/every-type-module';

afterEach(removeBrokenCourses);

/** module.yaml with its own kinds appended (YAML lines, indented as list items). */
const declaring =
	(...kinds: string[]) =>
	(text: string) =>
		`${text}relationKinds:\n${kinds.map((kind) => `  - ${kind}\n`).join('')}`;
const PHONE = '{ id: phone-call, label: Phone call, directed: false, phrase: Phone call with }';
const REPORT =
	'{ id: news-report, label: News report, directed: true, phrase: News report on, reverse: Reported on by }';
/** The valid module's events, moved to the kinds above. */
const onOwnKinds = (text: string) =>
	text.replaceAll('kind: call', 'kind: phone-call').replace('kind: publication', 'kind: news-report');

describe('relation kinds in module.yaml', () => {
	it('gives a module without relationKinds the default kinds', async () => {
		const { course } = await loadCourse(VALID_COURSE);
		expect(course?.modules[0]?.relationKinds).toEqual(DEFAULT_RELATION_KINDS);
	});

	it('documents the default kinds in lessons/README.md as the code defines them', () => {
		const rows = readFileSync('lessons/README.md', 'utf8')
			.split('\n')
			.flatMap((line) => {
				const cells = /^\| `([a-z-]+)` \| (.+) \| (.+) \| (.+) \| (none|yes) \|$/.exec(line);
				return cells ? [cells.slice(1)] : [];
			});
		expect(rows).toEqual(
			DEFAULT_RELATION_KINDS.map((kind) => [
				kind.id,
				kind.label,
				kind.phrase,
				kind.reverse,
				kind.directed ? 'yes' : 'none'
			])
		);
	});

	it('takes a module’s own kinds, in its order, an undirected one reading the same from both ends', async () => {
		const module = await everyTypeModule();
		expect(module.relationKinds).toEqual([
			{ id: 'phone-call', label: 'Phone call', directed: false, phrase: 'Phone call with', reverse: 'Phone call with' },
			{ id: 'news-report', label: 'News report', directed: true, phrase: 'News report on', reverse: 'Reported on by' }
		]);
		expect(module.events.map((event) => event.kind)).toEqual(['phone-call', 'phone-call', 'news-report']);
	});

	it('refuses an event of a kind the module does not declare, listing the kinds it does', async () => {
		const lessons = brokenCourse({
			'module.yaml': declaring(PHONE, REPORT),
			'events.yaml': (t) => onOwnKinds(t).replace('kind: news-report', 'kind: publication')
		});
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/events.yaml:25:9 [2].kind: expected one of module.yaml\'s relationKinds ("phone-call", "news-report"), found "publication", which is not defined'
		]);
	});

	it('refuses a kind outside the default set when the module declares none, saying so', async () => {
		const lessons = brokenCourse({ 'events.yaml': (t) => t.replace('kind: publication', 'kind: news-report') });
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/events.yaml:25:9 [2].kind: expected one of the default relation kinds ("call", "meeting", "statement", "criticism", "defence", "publication", "other"), as module.yaml declares no relationKinds, found "news-report", which is not defined'
		]);
	});

	it(`refuses more kinds than the ${RELATION_STYLE_COUNT} line styles, at the first one too many`, async () => {
		const extra = Array.from(
			{ length: RELATION_STYLE_COUNT - 1 },
			(_, index) => `{ id: kind-${index}, label: Kind ${index}, directed: false, phrase: With }`
		);
		const lessons = brokenCourse({ 'module.yaml': declaring(PHONE, REPORT, ...extra), 'events.yaml': onOwnKinds });
		expect(await errorLines(lessons)).toEqual([
			`lessons/mini-module/module.yaml:24:5 relationKinds[7]: expected at most 7 relation kinds (the map has 7 distinct line styles), found 8`
		]);
	});

	it('refuses a kind id declared twice, at the second', async () => {
		const again = '{ id: phone-call, label: Call again, directed: false, phrase: Called }';
		const lessons = brokenCourse({ 'module.yaml': declaring(PHONE, REPORT, again), 'events.yaml': onOwnKinds });
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/module.yaml:19:11 relationKinds[2].id: expected a unique relation kind id, found "phone-call" again'
		]);
	});

	it('asks a directed kind for its words seen from the other end', async () => {
		const lessons = brokenCourse({
			'module.yaml': declaring(
				PHONE,
				'{ id: news-report, label: News report, directed: true, phrase: News report on }'
			),
			'events.yaml': onOwnKinds
		});
		expect(await errorLines(lessons)).toEqual([
			'lessons/mini-module/module.yaml:18:5 relationKinds[1].reverse: expected a text, found nothing (the field is required)'
		]);
	});
});
