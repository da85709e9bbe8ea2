/**
 * Static markup carries no hydration markers: it is never hydrated, so Svelte's block and anchor
 * comments are bytes a page sends for nothing. A comment with words in it stays.
 */
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import LessonNav from '$lib/components/LessonNav.svelte';
import type { LessonSummary } from '$lib/model/course';
import ObjectiveList from '$lib/components/ObjectiveList.svelte';
import { renderStatic } from '$lib/server/pages/render-static';
import AuthorComment from '../../../fixtures/components/AuthorComment.svelte';

const MARKER = /<!--(?:\[-?\d*!?|\]!?)?-->/;

describe('renderStatic', () => {
	it('drops the markers of blocks and branches, and keeps the content', () => {
		const objectives = { objectives: ['Name the callers', 'Date the calls'], heading: 'By the end', level: 3 as const };
		const next: LessonSummary = {
			slug: 'two',
			title: 'Two',
			summary: 'The second lesson.',
			minutes: 5,
			objectives: [],
			questionCount: 0,
			passMark: 0.8
		};
		const nav = { moduleSlug: 'mini', next };
		// What is dropped is there to drop: an each block, an element and if/else branches.
		expect(render(ObjectiveList, { props: objectives }).body).toMatch(MARKER);
		expect(render(LessonNav, { props: nav }).body).toMatch(MARKER);

		const list = renderStatic(ObjectiveList, objectives, new Map()).html;
		expect(list).not.toMatch(/<!--/);
		expect(list).toContain('<h3>By the end</h3>');
		expect(list).toContain('<li>Name the callers</li><li>Date the calls</li>');
		const links = renderStatic(LessonNav, nav, new Map()).html;
		expect(links).not.toMatch(/<!--/);
		expect(links).toContain('href="/mini/two">Next: Two');
	});

	it('leaves a comment with words in it', () => {
		const html = renderStatic(AuthorComment, { html: '<p>Text</p><!-- check the date -->' }, new Map()).html;
		expect(html).toContain('<p>Text</p><!-- check the date -->');
		expect(html).not.toMatch(MARKER);
	});
});
