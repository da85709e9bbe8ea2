import { render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import ActorCard from '$lib/components/ActorCard.svelte';
import LessonNav from '$lib/components/LessonNav.svelte';
import LessonSections from '$lib/components/LessonSections.svelte';
import SourceList from '$lib/components/SourceList.svelte';
import type { Module, ModuleContext } from '$lib/model/course';
import { loadCourse } from '$lib/server/content/load-course';

let module: Module;
let context: ModuleContext;

beforeAll(async () => {
	const { course } = await loadCourse('tests/fixtures/courses/valid');
	const loaded = course?.modules[0];
	if (!loaded) throw new Error('the fixture module did not load');
	module = loaded;
	context = {
		...loaded,
		lessons: loaded.lessons.map((lesson) => ({
			slug: lesson.slug,
			title: lesson.title,
			summary: lesson.summary,
			minutes: lesson.minutes,
			objectives: lesson.objectives,
			questionCount: lesson.quiz.questions.length,
			passMark: lesson.quiz.passMark
		}))
	};
});

describe('LessonSections', () => {
	it('renders each section as a labelled region with its heading and prose', () => {
		render(LessonSections, { sections: module.lessons[0]?.sections ?? [] });
		const region = screen.getByRole('region', { name: 'The call' });
		expect(region.id).toBe('the-call');
		expect(within(region).getByRole('link', { name: 'Ana Envoy' }).getAttribute('href')).toBe(
			'/mini-module/people#ana-envoy'
		);
		expect(within(region).getByText('Denial').className).toContain('label-denial');
		expect(within(region).getAllByRole('link', { name: 'Example Wire' })[0]?.getAttribute('href')).toBe(
			'#source-wire-report'
		);
	});
});

describe('SourceList', () => {
	it('shows outlet, linked title, date and the note in words, anchored for citations, never the trace file', () => {
		const { container } = render(SourceList, { sources: module.sources, idPrefix: 'source-' });
		const item = container.querySelector('#source-wire-report');
		expect(item?.textContent).toContain('Example Wire');
		expect(item?.textContent).toContain('25 Nov 2025');
		expect(item?.textContent).toContain('Quoted in the weekly digest of 28 November 2025.');
		expect(item?.textContent).not.toContain('001_d70c0996fcc28e84.txt');
		expect(item?.textContent).not.toContain('Traced to');
		expect(screen.getByRole('link', { name: 'Two officials spoke by phone' }).getAttribute('href')).toBe(
			'https://example.org/wire/calls'
		);
	});
});

describe('ActorCard', () => {
	it('shows role, side, bio, the events the actor took part in and sources', () => {
		const actor = module.actors.find((candidate) => candidate.id === 'ana-envoy');
		if (!actor) throw new Error('no ana-envoy in the fixture');
		render(ActorCard, { actor, module: context });
		const card = screen.getByRole('article', { name: 'Ana Envoy' });
		expect(card.textContent).toContain('Envoy of the West');
		expect(card.textContent).toContain('Side: West');
		expect(within(card).getByRole('link', { name: 'Ana calls Boris' }).getAttribute('href')).toBe(
			'/mini-module/the-call#the-call'
		);
		expect(within(card).getByText(/Boris calls back/)).toBeTruthy();
		expect(within(card).getAllByRole('link', { name: 'Example Wire' }).length).toBeGreaterThan(0);
	});
});

describe('LessonNav', () => {
	it('links the previous and next lessons', () => {
		const [lesson] = context.lessons;
		render(LessonNav, { moduleSlug: 'mini-module', previous: lesson, next: lesson });
		expect(screen.getByRole('link', { name: /Previous: The call/ }).getAttribute('rel')).toBe('prev');
		expect(screen.getByRole('link', { name: /Next: The call/ }).getAttribute('href')).toBe('/mini-module/the-call');
	});

	it('leads back to the overview at either end of the module', () => {
		render(LessonNav, { moduleSlug: 'mini-module' });
		expect(screen.getAllByRole('link').map((link) => link.getAttribute('href'))).toEqual([
			'/mini-module',
			'/mini-module'
		]);
	});
});
