/**
 * What each route's load returns: only what its page renders. Every page is prerendered with its
 * data serialized into it, so anything extra is paid for by every visitor. Run on the every-type
 * fixture module (two lessons, one with a map question), never the real module.
 */
import { describe, expect, it, vi } from 'vitest';
import { getModule } from '$lib/server/course';
import {
	catalogue,
	lessonPage,
	mapModule,
	mapPage,
	moduleOverview,
	peoplePage,
	reviewPage,
	sourcesPage,
	timelinePage
} from '$lib/server/pages/page-data';

// The pages read the course from the lessons plugin's module: serve the fixture instead.
vi.mock('virtual:backchannel/course', async () => {
	const { EVERY_TYPE_LESSONS, fixtureCourse } = await import('../../../fixtures/fixture-course');
	return { course: (await fixtureCourse(EVERY_TYPE_LESSONS)).course };
});

const module = getModule('every-type');
const size = (value: unknown) => JSON.stringify(value).length;
/** An actor's bio appears only where a page shows actor cards. */
const aBio = module.actors.find((actor) => actor.bioHtml.length > 80)?.bioHtml.slice(0, 60) ?? '';

describe('the catalogue', () => {
	it('lists each module with its summary and lessons’ titles, nothing of their content', () => {
		const entry = catalogue().find((candidate) => candidate.slug === module.slug);
		expect(entry).toMatchObject({
			slug: module.slug,
			title: module.title,
			summary: module.summary,
			minutes: module.minutes
		});
		expect(entry?.lessons).toEqual(module.lessons.map(({ slug, title, minutes }) => ({ slug, title, minutes })));
		expect(Object.keys(entry ?? {}).sort()).toEqual([
			'audience',
			'lessons',
			'minutes',
			'objectives',
			'slug',
			'summary',
			'title'
		]);
		expect(size(catalogue())).toBeLessThan(4_000);
	});
});

describe('the module overview', () => {
	it('carries lesson summaries, the cast by name and role, counts, and the main sources', () => {
		const overview = moduleOverview(module.slug);
		expect(overview.lessons.map((lesson) => lesson.slug)).toEqual(module.lessons.map((lesson) => lesson.slug));
		expect(overview.actors[0]).toEqual({
			id: module.actors[0]?.id,
			name: module.actors[0]?.name,
			role: module.actors[0]?.role
		});
		expect(overview.eventCount).toBe(module.events.length);
		expect(overview.sourceCount).toBe(module.sources.length);
		expect(overview.mainSources.map((source) => source.id)).toEqual(module.mainSources);
		expect(module.asOf).toBeDefined();
		expect(overview.asOf).toBe(module.asOf);
		expect(JSON.stringify(overview)).not.toContain(aBio);
	});

	it('answers 404 for a module that does not exist', () => {
		expect(() => moduleOverview('no-such-module')).toThrow(expect.objectContaining({ status: 404 }));
	});
});

describe('a lesson page', () => {
	// The first lesson: it has a next one, a focused map narrower than the cast, and no map question.
	const calls = module.lessons.find((lesson) => lesson.slug === 'the-call');
	if (!calls) throw new Error('expected the the-call lesson');
	const page = lessonPage(module.slug, calls.slug);

	it('carries its lesson, prerendered, and what its quiz and map need, not the module', () => {
		expect(Object.keys(page).sort()).toEqual(['figure', 'lesson', 'module', 'position', 'quiz', 'static']);
		expect(page.module).toEqual({ slug: module.slug, title: module.title, lessonCount: module.lessons.length });
		expect(page.position).toBe(module.lessons.indexOf(calls) + 1);
		const serialized = JSON.stringify(page);
		// No actor bios, timeline layout or quotes: the card's data loads with the live map.
		expect(serialized).not.toContain(aBio);
		expect(serialized).not.toContain('"segments"');
		expect(serialized).not.toContain('attributionHtml');
		// Nothing of the other lessons: neither their text nor their questions.
		const others = module.lessons.filter((lesson) => lesson !== calls);
		expect(others.length).toBeGreaterThan(0);
		for (const other of others) {
			for (const section of other.sections) expect(serialized).not.toContain(`id="${section.id}"`);
			for (const question of other.quiz.questions) {
				expect(serialized).not.toContain(`"${question.id}"`);
				expect(serialized).not.toContain(question.promptHtml);
			}
		}
		// Its data, apart from the prerendered markup (which grows with the lesson's own text, and
		// outweighs a small module's data), is a small part of the module's.
		const data = { ...page, static: {}, figure: { ...page.figure, html: '', styles: '' } };
		expect(size(data)).toBeLessThan(size(module) / 2);
	});

	it('prerenders the lesson’s text, objectives, sources and onward link', () => {
		for (const section of calls.sections) expect(page.static.sections.html).toContain(`id="${section.id}"`);
		for (const objective of calls.objectives)
			expect(page.static.intro.html).toContain(objective.replace(/&/g, '&amp;').replace(/"/g, '&quot;').slice(0, 30));
		for (const id of calls.cited) expect(page.static.sources.html).toContain(`id="source-${id}"`);
		const next = module.lessons[module.lessons.indexOf(calls) + 1];
		expect(page.static.nav.html).toContain(`href="/${module.slug}/${next?.slug}"`);
		for (const question of calls.quiz.questions)
			expect(page.static.quizPreview.html).toContain(`id="q-${question.id}"`);
		// The styles of those parts, since the page does not load their components.
		expect(page.static.styles.html).toMatch(/^(<style id="svelte-[a-z0-9]+">[\s\S]*?<\/style>)+$/);
		// Never hydrated, so no hydration markers.
		expect(page.static.sections.html).not.toContain('<!--[');
	});

	it('prerenders its focused map, laid out from its own actors, with what the live map needs', () => {
		expect(page.figure.focus).toEqual(calls.focus);
		// Selected, not computed: the loader laid the lesson's map out (lesson.mapLayout).
		expect(page.figure.layout).toBe(calls.mapLayout);
		for (const node of page.figure.layout.nodes) expect(page.figure.html.html).toContain(`data-actor="${node.id}"`);
		expect(page.figure.html.html).toContain('data-map-explore');
		expect(page.figure.layout.nodes.length).toBeLessThan(module.actors.length);
		expect(page.figure.styles.html).toContain('<style id="svelte-');
	});

	it('gives the quiz the lesson’s questions and, for a map question, the whole cast by name and side', () => {
		expect(page.quiz.lesson.quiz).toEqual(calls.quiz);
		expect(page.quiz.lesson.sections).toEqual(calls.sections.map(({ id, title }) => ({ id, title })));
		expect(page.quiz.module.sources.map((source) => source.id)).toEqual(calls.cited);
		const withMap = module.lessons.find((lesson) => lesson.quiz.questions.some((question) => question.type === 'map'));
		const withoutMap = module.lessons.find((lesson) =>
			lesson.quiz.questions.every((question) => question.type !== 'map')
		);
		if (withMap)
			expect(lessonPage(module.slug, withMap.slug).quiz.module.actors).toEqual(
				module.actors.map(({ id, name, side }) => ({ id, name, side }))
			);
		if (withoutMap) expect(lessonPage(module.slug, withoutMap.slug).quiz.module.actors).toEqual([]);
		expect(withMap ?? withoutMap).toBeDefined();
	});

	it('answers 404 for a lesson that does not exist', () => {
		expect(() => lessonPage(module.slug, 'no-such-lesson')).toThrow(expect.objectContaining({ status: 404 }));
	});
});

describe('the map, timeline, sources and review pages', () => {
	it('the map data: the cast, relations and layout, without lesson bodies, summaries or the timeline', () => {
		const map = mapModule(module.slug);
		expect(map.actors).toEqual(module.actors);
		expect(map.network).toEqual(module.network);
		expect(map.lessons).toEqual(module.lessons.map(({ slug, title }) => ({ slug, title })));
		expect(map.sources[0]).toEqual({ id: module.sources[0]?.id, outlet: module.sources[0]?.outlet });
		expect(Object.keys(map.events[0] ?? {})).not.toContain('summaryHtml');
		expect(JSON.stringify(map)).not.toContain('"sections"');
	});

	it('the timeline: prerendered, with its events, their summaries and the layout; sources by name', () => {
		const { module: timeline, figure } = timelinePage(module.slug);
		expect(timeline.events).toEqual(module.events);
		expect(timeline.timeline).toEqual(module.timeline);
		expect(JSON.stringify(timeline)).not.toContain(aBio);
		// Prerendered: every event's marker (or the month's bar it shares) and list entry, under the ids the live timeline uses.
		const marks = module.timeline.segments.flatMap((segment) => segment.marks);
		for (const event of module.events.filter((candidate) => candidate.date)) {
			const mark = marks.find((candidate) => candidate.event === event.id || candidate.events?.includes(event.id));
			expect(figure.html.html).toContain(`data-event="${mark?.event}"`);
		}
		expect(figure.html.html).toContain(`id="${figure.id}-list"`);
	});

	it('the map page: the full map prerendered, its table open; its data loads with the live map', () => {
		const { module: page, figure } = mapPage(module.slug);
		expect(page).toEqual({ slug: module.slug, title: module.title });
		expect(figure.focus).toBeUndefined();
		expect(figure.layout).toEqual(module.network);
		for (const actor of module.actors) expect(figure.html.html).toContain(`data-actor="${actor.id}"`);
		expect(figure.html.html).toMatch(/<details[^>]* open/);
	});

	it('the people page: every actor with what the cards show, not the map’s layout', () => {
		const { module: page } = peoplePage(module.slug);
		expect(page).toMatchObject({ slug: module.slug, title: module.title, sides: module.sides, actors: module.actors });
		expect(page).not.toHaveProperty('network');
	});

	it('the sources page: every source in full, nothing else', () => {
		expect(sourcesPage(module.slug)).toEqual({ slug: module.slug, title: module.title, sources: module.sources });
	});

	it('the review: every question with its lesson and section, and the cast for map questions', () => {
		const review = reviewPage(module.slug);
		expect(review.questions).toHaveLength(
			module.lessons.reduce((sum, lesson) => sum + lesson.quiz.questions.length, 0)
		);
		expect(review.module.actors[0]).toEqual({
			id: module.actors[0]?.id,
			name: module.actors[0]?.name,
			side: module.actors[0]?.side
		});
		expect(JSON.stringify(review)).not.toContain(aBio);
	});
});
