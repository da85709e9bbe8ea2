/**
 * Reads and writes one module's progress record, and never loses it. A record that cannot be
 * read (corrupt, from another format, for another module) is copied aside under its own key,
 * with a notice saying where, and the learner starts afresh; if it cannot even be copied, nothing
 * is written over it and progress is kept in memory only. Storage that refuses to work means
 * memory only, with a notice. Import and reset keep the replaced record aside too.
 *
 * Every change is read-modify-write on the latest stored record, so two tabs of the same module
 * do not undo each other's history.
 */
import { newSeed } from '../shuffle.ts';
import { asideKeyPrefix, progressKey } from './progress-keys.ts';
import { NOT_SAVED_MESSAGE, type OpenedStore } from './key-value-store.ts';
import { emptyProgress, PROGRESS_VERSION, type ProgressRecord } from './progress-record.ts';
import {
	describeProblem,
	EXPORT_FORMAT,
	exportFileSchema,
	progressSchema,
	type ExportFile
} from './progress-schema.ts';

export interface ProgressNotice {
	kind: 'notSaved' | 'setAside' | 'saveFailed' | 'quizChanged';
	message: string;
}

export { asideKeyPrefix, progressKey };

/** Larger than any real progress file by far; refused before parsing. */
export const IMPORT_LIMIT_BYTES = 1_000_000;

export type ImportResult = { ok: true; record: ProgressRecord } | { ok: false; message: string };

type Reading = { status: 'none' } | { status: 'ok'; record: ProgressRecord } | { status: 'unreadable'; reason: string };

export function readProgress(raw: string, module: string): Reading {
	let data: unknown;
	try {
		data = JSON.parse(raw);
	} catch {
		return { status: 'unreadable', reason: 'it is not valid JSON' };
	}
	const version = data !== null && typeof data === 'object' ? (data as { version?: unknown }).version : undefined;
	if (version !== PROGRESS_VERSION) {
		return {
			status: 'unreadable',
			reason: `it is in format ${JSON.stringify(version ?? 'unknown')}, and this version of Backchannel reads format ${PROGRESS_VERSION}`
		};
	}
	const parsed = progressSchema.safeParse(data);
	if (!parsed.success) return { status: 'unreadable', reason: describeProblem(parsed.error, data) };
	if (parsed.data.module !== module)
		return { status: 'unreadable', reason: `it belongs to the module "${parsed.data.module}"` };
	return { status: 'ok', record: parsed.data };
}

export class ProgressStore {
	readonly notices: ProgressNotice[] = [];
	private current: ProgressRecord | undefined;
	/** False once we must not write (storage refused, or a record could not be set aside). */
	private writable: boolean;
	private readonly listeners = new Set<(notices: readonly ProgressNotice[]) => void>();

	constructor(
		private readonly opened: OpenedStore,
		readonly module: string,
		private readonly clock: { now: () => Date; random: () => number } = { now: () => new Date(), random: Math.random }
	) {
		this.writable = opened.persistent;
		if (!opened.persistent) this.notify({ kind: 'notSaved', message: opened.problem ?? NOT_SAVED_MESSAGE });
	}

	get persistent(): boolean {
		return this.writable;
	}

	onNotice(listener: (notices: readonly ProgressNotice[]) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	notify(notice: ProgressNotice): void {
		if (this.notices.some((known) => known.kind === notice.kind && known.message === notice.message)) return;
		this.notices.push(notice);
		for (const listener of this.listeners) listener(this.notices);
	}

	/** The latest record: as stored, or a fresh one (after setting an unreadable one aside). */
	read(): ProgressRecord {
		if (this.writable) {
			const reading = this.readStored();
			if (reading.status === 'ok') this.current = reading.record;
			if (reading.status === 'unreadable') this.setAside(`Your saved progress could not be read (${reading.reason}).`);
		}
		this.current ??= emptyProgress(this.module, newSeed(this.clock.random), this.clock.now());
		return this.current;
	}

	/** Applies `change` to the latest record and saves the result. */
	update(change: (record: ProgressRecord) => ProgressRecord): ProgressRecord {
		const next = change(this.read());
		this.current = next;
		this.write(next);
		return next;
	}

	exportFile(): ExportFile {
		return {
			format: EXPORT_FORMAT,
			version: PROGRESS_VERSION,
			exportedAt: this.clock.now().toISOString(),
			module: this.module,
			progress: this.read()
		};
	}

	/** Checks an imported file; changes nothing. */
	parseImport(text: string): ImportResult {
		if (text.length > IMPORT_LIMIT_BYTES) {
			return {
				ok: false,
				message: `This file is too large to be a progress file (${Math.round(text.length / 1000)} kB; progress files are far smaller).`
			};
		}
		let data: unknown;
		try {
			data = JSON.parse(text);
		} catch {
			return { ok: false, message: 'This file is not a Backchannel progress file: it is not JSON.' };
		}
		const head =
			data !== null && typeof data === 'object'
				? (data as Partial<Record<'format' | 'version' | 'module', unknown>>)
				: {};
		if (head.format !== EXPORT_FORMAT)
			return {
				ok: false,
				message: 'This file is not a Backchannel progress file (it has no "format": "backchannel-progress").'
			};
		if (head.version !== PROGRESS_VERSION) {
			return {
				ok: false,
				message: `This progress file is in format ${JSON.stringify(head.version)}; this version of Backchannel reads format ${PROGRESS_VERSION}.`
			};
		}
		if (head.module !== this.module)
			return {
				ok: false,
				message: `This file holds progress for the module "${String(head.module)}", not "${this.module}".`
			};
		const parsed = exportFileSchema.safeParse(data);
		if (!parsed.success)
			return { ok: false, message: `This progress file is damaged: ${describeProblem(parsed.error, data)}.` };
		if (parsed.data.progress.module !== this.module)
			return {
				ok: false,
				message: `This file's progress is for the module "${parsed.data.progress.module}", not "${this.module}".`
			};
		return { ok: true, record: parsed.data.progress };
	}

	/** Replaces the progress (after an import), keeping the replaced record aside. Returns its key. */
	replace(record: ProgressRecord): string | undefined {
		const asideKey = this.keepAside('Your current progress could not be copied aside before replacing it.');
		this.current = record;
		this.write(record);
		return asideKey;
	}

	/** Starts over with a new record and a new seed, keeping the old one aside. Returns its key. */
	reset(): string | undefined {
		return this.replace(emptyProgress(this.module, newSeed(this.clock.random), this.clock.now()));
	}

	private readStored(): Reading {
		let raw: string | null;
		try {
			raw = this.opened.store.getItem(progressKey(this.module));
		} catch {
			this.refuse(NOT_SAVED_MESSAGE);
			return { status: 'none' };
		}
		return raw === null ? { status: 'none' } : readProgress(raw, this.module);
	}

	private write(record: ProgressRecord): void {
		if (!this.writable) return;
		try {
			this.opened.store.setItem(progressKey(this.module), JSON.stringify(record));
		} catch {
			this.notify({
				kind: 'saveFailed',
				message:
					'Your latest progress could not be saved: the browser refused (its storage may be full). It is kept while this page stays open; export it to keep a copy.'
			});
		}
	}

	/**
	 * Copies the stored record to a key of its own and returns the key (undefined when there was
	 * nothing to keep). If it cannot be copied, writing stops, so that nothing is written over it.
	 */
	keepAside(why = 'Your saved progress could not be copied aside.'): string | undefined {
		if (!this.writable) return undefined;
		try {
			const raw = this.opened.store.getItem(progressKey(this.module));
			if (raw === null) return undefined;
			const stamp = `${asideKeyPrefix(this.module)}${this.clock.now().toISOString()}`;
			let key = stamp;
			// Never over an earlier set-aside record from the same millisecond.
			for (let n = 2; this.opened.store.getItem(key) !== null; n++) key = `${stamp}-${n}`;
			this.opened.store.setItem(key, raw);
			return key;
		} catch {
			this.refuse(`${why} It is left untouched, and new progress will not be saved, so that nothing overwrites it.`);
			return undefined;
		}
	}

	private setAside(why: string): void {
		const key = this.keepAside(why);
		if (!this.writable) return;
		try {
			this.opened.store.removeItem(progressKey(this.module));
		} catch {
			// It is copied already; the next save replaces it.
		}
		this.current = undefined;
		this.notify({
			kind: 'setAside',
			message: `${why} It has been kept in this browser under the key "${key ?? progressKey(this.module)}", and you start afresh.`
		});
	}

	private refuse(message: string): void {
		this.writable = false;
		this.notify({ kind: 'notSaved', message });
	}
}
