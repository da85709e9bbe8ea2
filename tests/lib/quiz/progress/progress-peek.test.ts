import { describe, expect, it } from 'vitest';
import { lessonStatus, peekSession } from '$lib/quiz/progress/progress-peek';

const session = (value: unknown, round: unknown, position: unknown) => ({
	machine: 1,
	snapshot: { value, context: { round, position } }
});

describe('the lesson page glance at saved progress', () => {
	it('shows a best score only within 0..1 (a stored 5 would read 500%)', () => {
		const record = (best: unknown) => ({ lessons: { 'the-call': { attempts: [], best, mastered: false } } });
		expect(lessonStatus(record(0.75), 'the-call')).toMatchObject({ status: 'finished', best: 0.75 });
		for (const best of [5, -0.1, '0.5', null]) {
			expect(lessonStatus(record(best), 'the-call')).not.toHaveProperty('best');
		}
	});

	it('offers to resume only at a position within the round', () => {
		const at = (position: unknown) => ({ sessions: { 'the-call': session('answering', ['a', 'b', 'c'], position) } });
		expect(lessonStatus(at(1), 'the-call')).toEqual({ status: 'inProgress', position: 2, total: 3, mastered: false });
		for (const position of [999, 3, -1, 1.5, '1'])
			expect(lessonStatus(at(position), 'the-call')).toEqual({ status: 'none' });
	});

	it('reads a session loosely, and reads nonsense as no session', () => {
		expect(peekSession(session('feedback', ['a'], 0))).toEqual({ value: 'feedback', round: ['a'], position: 0 });
		expect(peekSession(session('intro', [], 0))).toEqual({ value: 'intro', round: [], position: 0 });
		for (const broken of [
			null,
			7,
			{},
			session(3, ['a'], 0),
			session('answering', 'a', 0),
			session('answering', [1], 0)
		])
			expect(peekSession(broken)).toBeUndefined();
	});
});
