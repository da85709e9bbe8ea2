/**
 * The data the network map and the timeline draw for the "witkoff-leak" module: the relations the
 * lessons describe (calls, meetings, criticism, defence, publication) exist as events with the
 * right ends, only the events and actors listed here stand apart from every edge, the timeline
 * spans the Flynn case to the end of November 2025, and every actor a map question asks for sits on
 * at least one edge.
 */
import { describe, expect, it } from 'vitest';
import type { CourseEvent, Module } from '$lib/model/course';
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
	['criticism', 'european-leaders', 'donald-trump'],
	// Statements about others: "the US plan" is Trump's, "Kyiv" is Zelensky, "Russia" is Putin.
	['statement', 'michael-flynn', 'mike-pence'],
	['statement', 'sally-yates', 'michael-flynn'],
	['statement', 'kirill-dmitriev', 'bloomberg'],
	['statement', 'vladimir-putin', 'donald-trump'],
	['statement', 'vladimir-putin', 'volodymyr-zelensky'],
	['statement', 'ursula-von-der-leyen', 'donald-trump'],
	['statement', 'emmanuel-macron', 'donald-trump'],
	['statement', 'kaja-kallas', 'vladimir-putin'],
	['statement', 'donald-trump', 'susie-wiles'],
	['statement', 'donald-trump', 'marco-rubio'],
	// The Flynn comparison, drawn from both camps.
	['statement', 'glenn-greenwald', 'michael-flynn'],
	['publication', 'resurgam', 'michael-flynn'],
	// Other relations.
	['other', 'marco-rubio', 'donald-trump']
];

/**
 * Events that name nobody in the cast as their object, and why. Every other event draws an edge, so
 * an empty `to` added by mistake fails here instead of quietly leaving an actor hollow on the map.
 */
const AIMED_AT_NOBODY: Record<string, string> = {
	'zelensky-address': 'an address to the Ukrainian nation, answering unnamed "US pressure"',
	'rubio-authored-claim': 'a claim that "the U.S." wrote the plan, naming no one',
	'grenell-find-leaker': 'aimed at the leaker, whom no document identifies',
	'peskov-statement': 'a warning about "media leaks" in general, with no outlet or person named',
	'ushakov-responds': 'attacks the leak and its purpose, not the outlet; the leaker is unknown',
	'ryabkov-hybrid-war': 'attacks the leak as "hybrid war", not the outlet; the leaker is unknown'
};

/** Actors on no edge, and why: each is on the map for context, not for a relation. */
const CONTEXT_ONLY: Record<string, string> = {
	'richard-grenell': 'his one reaction is aimed at the unidentified leaker',
	'dmitry-peskov': 'his one statement names no one',
	'sergei-ryabkov': 'his one statement attacks the leak, whose source is unknown',
	'sergey-lavrov': 'named only in a leak theory about rivalry in Moscow',
	'andrei-soldatov': 'an expert quoted on Russian services in general',
	'christo-grozev': 'an investigator quoted on how the calls were carried'
};

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

	it('aims every event at someone, except those that name nobody in the cast', async () => {
		const aimless = (await witkoffLeak()).events.filter((event) => event.to.length === 0).map((event) => event.id);
		expect(aimless.sort()).toEqual(Object.keys(AIMED_AT_NOBODY).sort());
	});

	it('leaves off the map\'s edges only the actors who are there for context', async () => {
		const module = await witkoffLeak();
		const onEdges = new Set(module.events.flatMap((event) => (event.to.length > 0 ? [event.from, ...event.to] : [])));
		const hollow = module.actors.filter((actor) => !onEdges.has(actor.id)).map((actor) => actor.id);
		expect(hollow.sort()).toEqual(Object.keys(CONTEXT_ONLY).sort());
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
