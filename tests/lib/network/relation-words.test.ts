import { describe, expect, it } from 'vitest';
import type { CourseEvent } from '$lib/model/course';
import { listNames, relationFor } from '$lib/network/relation-words';
import { RELATION_STYLES } from '$lib/network/symbols';

const names = new Map([
	['witkoff', 'Steve Witkoff'],
	['ushakov', 'Yuri Ushakov'],
	['lieu', 'Ted Lieu'],
	['trump', 'Donald Trump'],
	['kallas', 'Kaja Kallas']
]);
const event = (kind: CourseEvent['kind'], from: string, to: string[], participants: string[] = []) => ({
	kind,
	from,
	to,
	participants
});

describe('relations in words', () => {
	it('lists names as a sentence does', () => {
		expect(listNames([])).toBe('');
		expect(listNames(['A'])).toBe('A');
		expect(listNames(['A', 'B', 'C'])).toBe('A, B and C');
	});

	it('says "with" for a call or a meeting, from either end: the sources do not say who placed it', () => {
		const call = event('call', 'witkoff', ['ushakov']);
		expect(relationFor(call, 'witkoff', names)).toBe('Call with Yuri Ushakov');
		expect(relationFor(call, 'ushakov', names)).toBe('Call with Steve Witkoff');
		expect(relationFor(event('meeting', 'witkoff', ['ushakov', 'trump']), 'trump', names)).toBe(
			'Meeting with Steve Witkoff and Yuri Ushakov'
		);
	});

	it('keeps the direction of criticism, defence, statements and publications', () => {
		const criticism = event('criticism', 'lieu', ['witkoff']);
		expect(relationFor(criticism, 'lieu', names)).toBe('Criticism of Steve Witkoff');
		expect(relationFor(criticism, 'witkoff', names)).toBe('Criticism by Ted Lieu');
		expect(relationFor(event('statement', 'trump', []), 'trump', names)).toBe('Statement about');
	});

	it('names the others present as involved', () => {
		expect(relationFor(event('statement', 'trump', ['witkoff'], ['kallas']), 'kallas', names)).toBe('Also involved');
	});

	it('draws arrowheads only where the relation has a direction', () => {
		expect(RELATION_STYLES.call.directed).toBe(false);
		expect(RELATION_STYLES.meeting.directed).toBe(false);
		for (const kind of ['statement', 'criticism', 'defence', 'publication', 'other'] as const)
			expect(RELATION_STYLES[kind].directed).toBe(true);
		// An undirected line has no end mark, or one drawn at both ends alike.
		expect(RELATION_STYLES.call.marker).toBeUndefined();
	});
});
