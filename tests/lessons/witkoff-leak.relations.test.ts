/**
 * The data the network map and the timeline draw for the "witkoff-leak" module: the relations the
 * lessons describe (calls, meetings, criticism, defence, publication) exist as events with the
 * right ends, the timeline spans the Flynn case to the end of November 2025, and every actor a map
 * question asks for sits on at least one edge.
 */
import { describe, expect, it } from 'vitest';
import type { CourseEvent, Module } from '../../src/lib/model/course';
import { witkoffLeak } from './witkoff-leak.module';

type Kind = CourseEvent['kind'];

/** Relations the lessons tell, as `from -> to`: each must be an edge of the map. */
const REQUIRED_EDGES: [Kind, string, string][] = [
	// The calls and meetings.
	['call', 'steve-witkoff', 'yuri-ushakov'],
	['call', 'yuri-ushakov', 'kirill-dmitriev'],
	['call', 'vladimir-putin', 'donald-trump'],
	['meeting', 'volodymyr-zelensky', 'donald-trump'],
	['meeting', 'steve-witkoff', 'kirill-dmitriev'],
	['meeting', 'us-delegation', 'ukrainian-delegation'],
	['call', 'michael-flynn', 'sergey-kislyak'],
	// Publication.
	['publication', 'bloomberg', 'steve-witkoff'],
	['publication', 'bloomberg', 'yuri-ushakov'],
	['publication', 'bloomberg', 'kirill-dmitriev'],
	['publication', 'axios', 'kirill-dmitriev'],
	['publication', 'washington-post', 'michael-flynn'],
	// Who defended and who criticised whom.
	['defence', 'donald-trump', 'steve-witkoff'],
	['defence', 'steven-cheung', 'steve-witkoff'],
	['criticism', 'ted-lieu', 'steve-witkoff'],
	['criticism', 'gregory-meeks', 'steve-witkoff'],
	['criticism', 'gregory-meeks', 'donald-trump'],
	['criticism', 'don-bacon', 'steve-witkoff'],
	['criticism', 'brian-fitzpatrick', 'steve-witkoff'],
	['criticism', 'mitch-mcconnell', 'steve-witkoff'],
	['criticism', 'roger-wicker', 'steve-witkoff'],
	['criticism', 'william-taylor', 'steve-witkoff'],
	['criticism', 'oliver-carroll', 'steve-witkoff'],
	['criticism', 'christopher-miller', 'steve-witkoff'],
	['criticism', 'jd-vance', 'european-leaders'],
	// Statements about others.
	['statement', 'michael-flynn', 'mike-pence'],
	['statement', 'sally-yates', 'michael-flynn'],
	['statement', 'yuri-ushakov', 'bloomberg'],
	['statement', 'kirill-dmitriev', 'bloomberg']
];

const edgesOf = (module: Module) =>
	module.events.flatMap((event) => event.to.map((to) => `${event.kind}: ${event.from} -> ${to}`));

describe('witkoff-leak: relations for the network map', () => {
	it('has an event for every call, meeting, publication, criticism and defence the lessons tell', async () => {
		const edges = new Set(edgesOf(await witkoffLeak()));
		const missing = REQUIRED_EDGES.map(([kind, from, to]) => `${kind}: ${from} -> ${to}`).filter((edge) => !edges.has(edge));
		expect(missing).toEqual([]);
	});

	it('aims every criticism, defence, call and meeting at someone', async () => {
		const aimless = (await witkoffLeak()).events
			.filter((event) => ['criticism', 'defence', 'call', 'meeting'].includes(event.kind) && event.to.length === 0)
			.map((event) => event.id);
		expect(aimless).toEqual([]);
	});

	it('never draws an edge from an actor to itself', async () => {
		const loops = (await witkoffLeak()).events.filter((event) => event.to.includes(event.from)).map((event) => event.id);
		expect(loops).toEqual([]);
	});

	it('puts every actor a map question asks for on at least one edge', async () => {
		const module = await witkoffLeak();
		const onEdges = new Set(module.events.filter((event) => event.to.length > 0).flatMap((event) => [event.from, ...event.to]));
		const stranded = module.lessons.flatMap((lesson) =>
			lesson.quiz.questions.filter((question) => question.type === 'map' && !onEdges.has(question.answer)).map((question) => `${lesson.slug} question ${question.id}`)
		);
		expect(stranded).toEqual([]);
	});

	it('links every event to a lesson section, so the map and timeline can lead back to the story', async () => {
		const unlinked = (await witkoffLeak()).events.filter((event) => !event.href).map((event) => event.id);
		expect(unlinked).toEqual([]);
	});
});

describe('witkoff-leak: the timeline', () => {
	it('runs from the Flynn case in December 2016 to the end of November 2025', async () => {
		const dates = (await witkoffLeak()).events.flatMap((event) => (event.date ? [event.date] : [])).sort();
		expect(dates[0]?.slice(0, 7)).toBe('2016-12');
		expect(dates.at(-1)! <= '2025-11-30').toBe(true);
	});

	it('dates every event, at least to the month, and explains every month-only date', async () => {
		const problems = (await witkoffLeak()).events.flatMap((event) => {
			if (!event.date) return [`${event.id}: no date`];
			if (event.date.length === 7 && !event.dateNote) return [`${event.id}: dated to the month without a dateNote`];
			return [];
		});
		expect(problems).toEqual([]);
	});
});
