import { describe, expect, it } from 'vitest';
import { keysWithPrefix, memoryStore, openBrowserStore, type KeyValueStore } from '$lib/quiz/progress/key-value-store';
import { emptyProgress, recordRound } from '$lib/quiz/progress/progress-record';
import { asideKeyPrefix, ProgressStore, progressKey } from '$lib/quiz/progress/progress-store';

const clock = { now: () => new Date('2025-12-01T10:00:00Z'), random: () => 0.5 };
const KEY = progressKey('mini-module');

function storeWith(initial: Record<string, string> = {}): { backing: KeyValueStore; store: ProgressStore } {
	const backing = memoryStore(initial);
	return { backing, store: new ProgressStore({ store: backing, persistent: true }, 'mini-module', clock) };
}

/** A store whose writes fail, as a full or disabled localStorage does. */
function refusing(backing: KeyValueStore, refuse: (key: string) => boolean): KeyValueStore {
	return {
		getItem: (key) => backing.getItem(key),
		setItem: (key, value) => {
			if (refuse(key)) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			backing.setItem(key, value);
		},
		removeItem: (key) => backing.removeItem(key),
		get length() {
			return backing.length;
		},
		key: (index) => backing.key(index)
	};
}

describe('opening storage', () => {
	it('uses localStorage when it works, and memory with a reason when it throws', () => {
		const working = memoryStore();
		expect(openBrowserStore(() => working)).toEqual({ store: working, persistent: true });
		const blocked = openBrowserStore(() => {
			throw new DOMException('The operation is insecure.', 'SecurityError');
		});
		expect(blocked.persistent).toBe(false);
		expect(blocked.problem).toMatch(/will not be kept when you leave this page/);
		blocked.store.setItem('a', '1');
		expect(blocked.store.getItem('a')).toBe('1');
		expect(openBrowserStore(() => refusing(memoryStore(), () => true)).persistent).toBe(false);
	});
});

describe('ProgressStore', () => {
	it('starts a new record with a seed, writes it on the first change, and reads it back', () => {
		const { backing, store } = storeWith();
		const record = store.read();
		expect(record).toEqual(emptyProgress('mini-module', 2 ** 31, clock.now()));
		expect(backing.getItem(KEY)).toBeNull();
		store.update((current) =>
			recordRound(
				current,
				'the-call',
				{ points: 1, total: 1, score: 1, passed: true, missed: [], earnedScore: 1, mastered: true, shownBefore: [] },
				'all',
				clock.now()
			)
		);
		const again = new ProgressStore({ store: backing, persistent: true }, 'mini-module', clock);
		expect(again.read().lessons['the-call']?.mastered).toBe(true);
		expect(again.notices).toEqual([]);
	});

	it.each([
		['not JSON', '{"version": 1, "module": ', /not valid JSON/],
		[
			'another format',
			JSON.stringify({ version: 7, module: 'mini-module' }),
			/format 7, and this version of Backchannel reads format 1/
		],
		[
			'a damaged field',
			JSON.stringify({ ...emptyProgress('mini-module', 1, clock.now()), seed: 'abc' }),
			/seed: expected number, found "abc"/
		],
		[
			'another module',
			JSON.stringify(emptyProgress('other-module', 1, clock.now())),
			/belongs to the module "other-module"/
		]
	])('sets aside a record that is %s, keeps it under its own key, and says so', (_case, raw, reason) => {
		const { backing, store } = storeWith({ [KEY]: raw });
		const record = store.read();
		expect(record.lessons).toEqual({});
		expect(store.notices).toHaveLength(1);
		expect(store.notices[0]?.kind).toBe('setAside');
		expect(store.notices[0]?.message).toMatch(reason);
		const [asideKey] = keysWithPrefix(backing, asideKeyPrefix('mini-module'));
		expect(asideKey).toBeDefined();
		expect(backing.getItem(asideKey ?? '')).toBe(raw);
		expect(store.notices[0]?.message).toContain(asideKey);
	});

	it('writes nothing over a record it could not set aside', () => {
		const backing = memoryStore({ [KEY]: 'garbage' });
		const store = new ProgressStore(
			{ store: refusing(backing, (key) => key !== KEY), persistent: true },
			'mini-module',
			clock
		);
		store.read();
		store.update((record) => ({ ...record, seed: 1 }));
		expect(backing.getItem(KEY)).toBe('garbage');
		expect(store.persistent).toBe(false);
		expect(store.notices.map((notice) => notice.kind)).toEqual(['notSaved']);
		expect(store.notices[0]?.message).toMatch(/left untouched/);
	});

	it('keeps working in memory, with a notice, when storage refuses a write', () => {
		const backing = memoryStore();
		const store = new ProgressStore({ store: refusing(backing, () => true), persistent: true }, 'mini-module', clock);
		const record = store.update((current) => ({ ...current, seed: 42 }));
		expect(record.seed).toBe(42);
		expect(store.notices.map((notice) => notice.kind)).toEqual(['saveFailed']);
	});

	it('says progress is not saved when storage is unavailable, and still keeps it for the page', () => {
		const store = new ProgressStore(
			openBrowserStore(() => undefined as unknown as KeyValueStore),
			'mini-module',
			clock
		);
		expect(store.notices.map((notice) => notice.kind)).toEqual(['notSaved']);
		store.update((current) => ({ ...current, seed: 3 }));
		expect(store.read().seed).toBe(3);
	});

	it('exports a file that imports back, and refuses bad files with a specific message, changing nothing', () => {
		const { backing, store } = storeWith();
		store.update((record) =>
			recordRound(
				record,
				'the-call',
				{ points: 1, total: 1, score: 1, passed: true, missed: [], earnedScore: 1, mastered: true, shownBefore: [] },
				'all',
				clock.now()
			)
		);
		const text = JSON.stringify(store.exportFile());
		const before = backing.getItem(KEY);
		const cases: [string, RegExp][] = [
			['not json', /not JSON/],
			['{"hello": 1}', /not a Backchannel progress file/],
			[text.replace('"version":1', '"version":2'), /format 2; this version of Backchannel reads format 1/],
			[text.replaceAll('"module":"mini-module"', '"module":"other"'), /module "other", not "mini-module"/],
			[
				text.replace('"score":1', '"score":"full"'),
				/progress\.lessons\.the-call\.attempts\[0\]\.score: expected number, found "full"/
			],
			[text.replace('"best":1', '"best":7'), /best: expected at most 1, found 7/],
			['x'.repeat(1_000_001), /too large/]
		];
		for (const [file, message] of cases) {
			const result = store.parseImport(file);
			expect(result.ok).toBe(false);
			if (!result.ok) expect(result.message).toMatch(message);
		}
		expect(backing.getItem(KEY)).toBe(before);
		const good = store.parseImport(text);
		expect(good.ok && good.record.lessons['the-call']?.mastered).toBe(true);
	});

	it('keeps the replaced record aside on import and on reset', () => {
		const { backing, store } = storeWith();
		store.update((record) => ({ ...record, seed: 99 }));
		const before = backing.getItem(KEY);
		const asideKey = store.reset();
		expect(asideKey).toMatch(/^backchannel:progress:mini-module:set-aside:/);
		expect(backing.getItem(asideKey ?? '')).toBe(before);
		expect(store.read().seed).toBe(2 ** 31);
		expect(store.read().lessons).toEqual({});
		const second = store.reset();
		expect(second).toBe(`${asideKey}-2`);
		expect(backing.getItem(asideKey ?? '')).toBe(before);
	});
});

describe('peekLesson', () => {
	it('tells the lesson page where the learner is without loading the quiz', async () => {
		const { peekLesson } = await import('$lib/quiz/progress/progress-peek');
		const { QuizSession } = await import('$lib/quiz/quiz-session');
		const { single, truefalse } = await import('../../../fixtures/quiz/questions');
		const backing = memoryStore();
		expect(peekLesson(backing, 'mini-module', 'the-call')).toEqual({ status: 'none' });
		const store = new ProgressStore({ store: backing, persistent: true }, 'mini-module', clock);
		const session = QuizSession.open({
			store,
			sessionKey: 'the-call',
			during: 'lesson',
			questions: [single, truefalse],
			lessonOf: () => 'the-call',
			passMark: 0.8,
			tries: 2
		});
		session.send({ type: 'quiz.start' });
		expect(peekLesson(backing, 'mini-module', 'the-call')).toEqual({
			status: 'inProgress',
			position: 1,
			total: 2,
			mastered: false
		});
		session.send({ type: 'answer.change', response: { type: 'single', choice: 'ana' } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		expect(peekLesson(backing, 'mini-module', 'the-call')).toMatchObject({
			status: 'inProgress',
			position: 2,
			total: 2
		});
		session.send({ type: 'answer.change', response: { type: 'truefalse', value: false } });
		session.send({ type: 'answer.submit' });
		session.send({ type: 'feedback.next' });
		expect(peekLesson(backing, 'mini-module', 'the-call')).toEqual({
			status: 'finished',
			position: 2,
			total: 2,
			best: 1,
			mastered: true
		});
		expect(peekLesson(backing, 'mini-module', 'another-lesson')).toEqual({ status: 'none' });
		backing.setItem(KEY, '{broken');
		expect(peekLesson(backing, 'mini-module', 'the-call')).toEqual({ status: 'unreadable' });
		expect(
			peekLesson(
				openBrowserStore(() => {
					throw new Error('denied');
				}).store,
				'mini-module',
				'the-call'
			)
		).toEqual({ status: 'none' });
	});
});
