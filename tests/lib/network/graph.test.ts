import { beforeAll, describe, expect, it } from 'vitest';
import type { Module } from '$lib/model/course';
import {
	buildGraph,
	focusGraph,
	focusMembers,
	keyboardOrder,
	mapGraph,
	neighbours,
	relationCounts,
	type MapGraph
} from '$lib/network/graph';
import { loadCourse } from '$lib/server/content/load-course';

let module: Module;
let graph: MapGraph;

beforeAll(async () => {
	const { course, errors } = await loadCourse('tests/fixtures/network/lessons');
	expect(errors).toEqual([]);
	const loaded = course?.modules[0];
	if (!loaded) throw new Error('the network fixture did not load');
	module = loaded;
	graph = buildGraph(module);
});

describe('buildGraph: cast and events to nodes and links', () => {
	it('makes one node per actor, at its build-time position, with its side’s legend index', () => {
		expect(graph.nodes.map((node) => node.id)).toEqual(module.actors.map((actor) => actor.id));
		const ana = graph.nodes.find((node) => node.id === 'ana-envoy');
		const position = module.network.nodes.find((node) => node.id === 'ana-envoy');
		expect(ana).toMatchObject({
			name: 'Ana Envoy',
			side: 'west',
			sideIndex: 0,
			kind: 'person',
			x: position?.x,
			y: position?.y
		});
		expect(graph.nodes.find((node) => node.id === 'eve-editor')).toMatchObject({ sideIndex: 2, kind: 'organisation' });
		expect(graph.width).toBe(module.network.width);
	});

	it('makes one link from `from` to each of `to`; an event with no `to` draws nothing', () => {
		expect(graph.links.map((link) => `${link.source}→${link.target} ${link.kind}`)).toEqual([
			'finn-former→dmitri-deputy call',
			'finn-former→cara-chief other',
			'ana-envoy→boris-aide call',
			'boris-aide→ana-envoy call',
			'ana-envoy→dmitri-deputy meeting',
			'eve-editor→ana-envoy publication',
			'eve-editor→boris-aide publication',
			'cara-chief→ana-envoy criticism',
			'dmitri-deputy→boris-aide defence',
			'boris-aide→eve-editor statement'
		]);
	});

	it('carries what the table and the card need: the event, its date, lesson link and sources', () => {
		const link = graph.links.find((candidate) => candidate.id === 'first-call:boris-aide');
		expect(link).toEqual({
			id: 'first-call:boris-aide',
			event: 'first-call',
			source: 'ana-envoy',
			target: 'boris-aide',
			kind: 'call',
			date: '2025-10-14',
			title: 'Ana calls Boris',
			href: '/net-module/the-talks#first-call',
			sources: ['wire-report'],
			participants: []
		});
	});

	it('lists the others an event names as present, for the table and the card (they draw no edge)', () => {
		const meeting = graph.links.find((candidate) => candidate.event === 'side-meeting');
		expect(meeting?.participants).toEqual(['cara-chief']);
		expect(
			graph.links.filter((candidate) => candidate.target === 'cara-chief' && candidate.event === 'side-meeting')
		).toEqual([]);
	});

	it('places each name where the layout chose, below by default', () => {
		const chosen = buildGraph({
			...module,
			network: { ...module.network, nodes: module.network.nodes.map((node) => ({ ...node, label: 'left' as const })) }
		});
		expect(chosen.nodes.every((node) => node.label === 'left')).toBe(true);
		const plain = buildGraph({
			...module,
			network: { ...module.network, nodes: module.network.nodes.map(({ id, x, y }) => ({ id, x, y })) }
		});
		expect(plain.nodes.every((node) => node.label === 'below')).toBe(true);
	});

	it('refuses a layout that lacks an actor, naming it', () => {
		expect(() => buildGraph({ ...module, network: { ...module.network, nodes: [] } })).toThrow(
			'network layout: expected a position for actor "ana-envoy", found none'
		);
	});
});

describe('focusGraph: a lesson’s part of the network', () => {
	it('keeps the focus events’ links and every actor they or the focus name', () => {
		const focused = focusGraph(graph, { actors: ['ana-envoy', 'gus-ghost'], events: ['first-call', 'report'] });
		expect(focused.links.map((link) => link.id)).toEqual([
			'first-call:boris-aide',
			'report:ana-envoy',
			'report:boris-aide'
		]);
		expect(focused.nodes.map((node) => node.id).sort()).toEqual(['ana-envoy', 'boris-aide', 'eve-editor', 'gus-ghost']);
	});

	it('without focus events, keeps the links among the focus actors', () => {
		const focused = focusGraph(graph, { actors: ['ana-envoy', 'boris-aide'], events: [] });
		expect(focused.links.map((link) => link.id)).toEqual(['first-call:boris-aide', 'return-call:ana-envoy']);
	});
});

describe('mapGraph: what a map draws', () => {
	const focus = { actors: ['ana-envoy', 'gus-ghost'], events: ['first-call', 'report'] };

	it('draws the whole module from its own layout', () => {
		expect(mapGraph(module)).toEqual(graph);
	});

	it('crops the module layout to a lesson’s focus', () => {
		expect(mapGraph(module, focus)).toEqual(focusGraph(graph, focus));
	});

	it('draws a lesson’s focus from the lesson’s own layout, which places only its actors', () => {
		const members = focusMembers(graph.links, focus);
		const layout = {
			width: 300,
			height: 200,
			nodes: [...members.actors].map((id, index) => ({ id, x: 50 + index * 60, y: 100, label: 'above' as const }))
		};
		const drawn = mapGraph(module, focus, layout);
		expect(drawn.links.map((link) => link.id)).toEqual(members.links.map((link) => link.id));
		expect(drawn.nodes.map((node) => node.id).sort()).toEqual([...members.actors].sort());
		expect(drawn.nodes.find((node) => node.id === 'ana-envoy')).toMatchObject({ y: 100, label: 'above' });
		expect(drawn.width).toBe(300);
	});
});

describe('neighbours and keyboard order', () => {
	it('lists each actor’s connected actors in both directions', () => {
		const map = neighbours(graph.links);
		expect([...(map.get('boris-aide') ?? [])].sort()).toEqual(['ana-envoy', 'dmitri-deputy', 'eve-editor']);
		expect(map.has('gus-ghost')).toBe(false);
	});

	it('counts each actor’s drawn relations in both directions, each relation once', () => {
		const counts = relationCounts(graph.links);
		// Five relations with three actors: Boris dealt with some of them more than once.
		expect(counts.get('boris-aide')).toBe(5);
		expect(neighbours(graph.links).get('boris-aide')?.size).toBe(3);
		expect(counts.has('gus-ghost')).toBe(false);
	});

	it('orders by side in legend order, then the best connected, then by name', () => {
		expect(keyboardOrder(graph.nodes, graph.links).map((node) => node.id)).toEqual([
			'ana-envoy',
			'cara-chief',
			'finn-former',
			'boris-aide',
			'dmitri-deputy',
			'gus-ghost',
			'eve-editor'
		]);
	});
});
