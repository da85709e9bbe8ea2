/**
 * Deterministic zip archives (fflate): entries sorted by path, every timestamp the same, so the
 * same input gives the same bytes and teachers can diff two exports.
 */
import { zipSync, type Zippable } from 'fflate';

/** Zip's epoch starts in 1980; any fixed date will do. */
const FIXED_TIME = new Date(Date.UTC(2000, 0, 1));

export type ZipEntries = Map<string, Uint8Array | string>;

export function deterministicZip(entries: ZipEntries): Uint8Array {
	const encoder = new TextEncoder();
	const files: Zippable = {};
	for (const path of [...entries.keys()].sort()) {
		const content = entries.get(path) ?? '';
		files[path] = [typeof content === 'string' ? encoder.encode(content) : content, { mtime: FIXED_TIME, level: 9 }];
	}
	return zipSync(files);
}
