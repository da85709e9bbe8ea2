/**
 * Where progress lives: anything shaped like `localStorage`. The browser's may be missing or
 * refuse us (private mode, storage disabled, quota), so `openBrowserStore` probes it and falls back
 * to memory, saying why: the quiz then works all the same, and the page says progress is not saved.
 */
export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
	readonly length: number;
	key(index: number): string | null;
}

export interface OpenedStore {
	store: KeyValueStore;
	/** False when progress will be lost with the page. */
	persistent: boolean;
	/** Why progress is not saved, for the learner. */
	problem?: string;
}

/** A store that forgets everything with the page: the fallback, and the tests' store. */
export function memoryStore(initial: Record<string, string> = {}): KeyValueStore {
	const items = new Map(Object.entries(initial));
	return {
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, String(value)),
		removeItem: (key) => void items.delete(key),
		get length() {
			return items.size;
		},
		key: (index) => [...items.keys()][index] ?? null
	};
}

const PROBE_KEY = 'backchannel:probe';

export const NOT_SAVED_MESSAGE =
	'This browser is not letting Backchannel store anything (private browsing, storage turned off or full), so your progress will not be kept when you leave this page. The quiz works all the same.';

/** Opens `localStorage` if it really works; otherwise memory, with the reason. */
export function openBrowserStore(getStorage: () => KeyValueStore = () => globalThis.localStorage): OpenedStore {
	try {
		const storage = getStorage();
		if (!storage) throw new Error('no localStorage');
		storage.setItem(PROBE_KEY, '1');
		storage.removeItem(PROBE_KEY);
		return { store: storage, persistent: true };
	} catch {
		return { store: memoryStore(), persistent: false, problem: NOT_SAVED_MESSAGE };
	}
}

/** Every key starting with `prefix`. */
export function keysWithPrefix(store: KeyValueStore, prefix: string): string[] {
	const keys: string[] = [];
	for (let index = 0; index < store.length; index++) {
		const key = store.key(index);
		if (key?.startsWith(prefix)) keys.push(key);
	}
	return keys;
}
