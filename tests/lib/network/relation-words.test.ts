import { describe, expect, it } from 'vitest';
import type { CourseEvent, RelationKindDefinition } from '$lib/model/course';
import { DEFAULT_RELATION_KINDS, resolveRelationKinds } from '$lib/model/relation-kinds';
import { directionNote, listNames, relationFor } from '$lib/network/relation-words';
import { RELATION_STYLE_COUNT, relationStyles, styleOf } from '$lib/network/symbols';

const names = new Map([
	['witkoff', 'Steve Witkoff'],
	['ushakov', 'Yuri Ushakov'],
	['lieu', 'Ted Lieu'],
	['trump', 'Donald Trump'],
	['kallas', 'Kaja Kallas']
]);
const defaults = relationStyles(DEFAULT_RELATION_KINDS);
const event = (from: string, to: string[], participants: string[] = []) => ({ from, to, participants });
const words = (kind: CourseEvent['kind'], from: string, to: string[], actor: string, participants: string[] = []) =>
	relationFor(event(from, to, participants), styleOf(defaults, kind), actor, names);

/** An Apollo 13 module's own kinds, as its module.yaml would declare them. */
const APOLLO: RelationKindDefinition[] = resolveRelationKinds([
	{ id: 'radio-call', label: 'Radio call', directed: false, phrase: 'Radio call with' },
	{ id: 'decision', label: 'Decision', directed: true, phrase: 'Decision about', reverse: 'Decided on by' },
	{ id: 'telemetry', label: 'Telemetry', directed: true, phrase: 'Telemetry to', reverse: 'Telemetry from' }
]);

describe('relations in words', () => {
	it('lists names as a sentence does', () => {
		expect(listNames([])).toBe('');
		expect(listNames(['A'])).toBe('A');
		expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
		expect(listNames(['A', 'B', 'C'], 'or')).toBe('A, B or C');
	});

	it('says "with" for a call or a meeting, from either end: the sources do not say who placed it', () => {
		expect(words('call', 'witkoff', ['ushakov'], 'witkoff')).toBe('Call with Yuri Ushakov');
		expect(words('call', 'witkoff', ['ushakov'], 'ushakov')).toBe('Call with Steve Witkoff');
		expect(words('meeting', 'witkoff', ['ushakov', 'trump'], 'trump')).toBe(
			'Meeting with Steve Witkoff and Yuri Ushakov'
		);
	});

	it('keeps the direction of criticism, defence, statements and publications', () => {
		expect(words('criticism', 'lieu', ['witkoff'], 'lieu')).toBe('Criticism of Steve Witkoff');
		expect(words('criticism', 'lieu', ['witkoff'], 'witkoff')).toBe('Criticism by Ted Lieu');
		expect(words('statement', 'trump', [], 'trump')).toBe('Statement about');
	});

	it('names the others present as involved', () => {
		expect(words('statement', 'trump', ['witkoff'], 'kallas', ['kallas'])).toBe('Also involved');
	});

	it('words a module’s own kinds in its own words, from either end', () => {
		const styles = relationStyles(APOLLO);
		const apollo = new Map([
			['lovell', 'Jim Lovell'],
			['kranz', 'Gene Kranz'],
			['swigert', 'Jack Swigert']
		]);
		const say = (kind: string, from: string, to: string[], actor: string) =>
			relationFor(event(from, to), styleOf(styles, kind), actor, apollo);
		expect(say('radio-call', 'lovell', ['kranz', 'swigert'], 'lovell')).toBe(
			'Radio call with Gene Kranz and Jack Swigert'
		);
		// Undirected: the reverse defaults to the phrase, and the other ends are all named.
		expect(say('radio-call', 'lovell', ['kranz', 'swigert'], 'kranz')).toBe(
			'Radio call with Jim Lovell and Jack Swigert'
		);
		expect(say('decision', 'kranz', ['lovell'], 'kranz')).toBe('Decision about Jim Lovell');
		expect(say('decision', 'kranz', ['lovell'], 'lovell')).toBe('Decided on by Gene Kranz');
		expect(say('telemetry', 'swigert', [], 'swigert')).toBe('Telemetry');
	});

	it('notes which drawn kinds have a direction, in the legend’s words', () => {
		expect(directionNote(APOLLO)).toBe(
			'A line of “Decision” or “Telemetry” ends in a mark at the actor it was aimed at. ' +
				'“Radio call” has no direction: marked alike at both ends, or not at all.'
		);
		expect(directionNote([...defaults.values()].filter((kind) => ['call', 'meeting'].includes(kind.id)))).toBe(
			'“Call” and “Meeting” have no direction: marked alike at both ends, or not at all.'
		);
		expect(directionNote([])).toBe('');
	});
});

describe('relation styles', () => {
	it('draws an end mark at the target only where the relation has a direction', () => {
		expect(styleOf(defaults, 'call').directed).toBe(false);
		expect(styleOf(defaults, 'meeting').directed).toBe(false);
		for (const kind of ['statement', 'criticism', 'defence', 'publication', 'other'])
			expect(styleOf(defaults, kind).directed).toBe(true);
		// An undirected line has no end mark, or one drawn at both ends alike.
		expect(styleOf(defaults, 'call').marker).toBeUndefined();
	});

	it('gives the default kinds the styles they always had', () => {
		expect(
			[...defaults.values()].map(({ id, dash, width, marker, colour }) => [id, dash, width, marker?.name, colour])
		).toEqual([
			['call', '', 2.5, undefined, 'var(--rel-1)'],
			['meeting', '', 4, 'dot', 'var(--rel-2)'],
			['statement', '1.5 4', 2, 'open arrow', 'var(--rel-3)'],
			['criticism', '8 4', 2, 'bar', 'var(--rel-4)'],
			['defence', '9 3 2 3', 2, 'diamond', 'var(--rel-5)'],
			['publication', '4 3', 2, 'square', 'var(--rel-6)'],
			['other', '', 1.25, 'chevron', 'var(--rel-7)']
		]);
		expect(RELATION_STYLE_COUNT).toBe(DEFAULT_RELATION_KINDS.length);
	});

	it('styles a module’s own kinds by their position, each distinct in line and end mark, not colour alone', () => {
		const styles = [...relationStyles(APOLLO).values()];
		expect(styles.map(({ id, label, colour }) => [id, label, colour])).toEqual([
			['radio-call', 'Radio call', 'var(--rel-1)'],
			['decision', 'Decision', 'var(--rel-2)'],
			['telemetry', 'Telemetry', 'var(--rel-3)']
		]);
		const seven = resolveRelationKinds(
			Array.from({ length: RELATION_STYLE_COUNT }, (_, index) => ({
				id: `kind-${index}`,
				label: `Kind ${index}`,
				directed: true,
				phrase: 'to',
				reverse: 'from'
			}))
		);
		const drawn = [...relationStyles(seven).values()].map(
			(style) => `${style.dash}|${style.width}|${style.marker?.name}`
		);
		expect(new Set(drawn).size).toBe(RELATION_STYLE_COUNT);
		// A directed kind on the first style (which has no end mark of its own) still shows its direction.
		expect(relationStyles(seven).get('kind-0')?.marker?.name).toBe('arrowhead');
	});
});
