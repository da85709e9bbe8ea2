/**
 * Reads a lesson file as an author's editor saved it: UTF-8, with or without a byte-order mark
 * (common from Windows editors), with Windows or Unix line ends. Anything that is not text an
 * author meant is refused with its line, rather than shown to learners as U+FFFD or crashing a
 * later step.
 */
import { readFileSync } from 'node:fs';
import type { ContentError } from './content-error.ts';

/** The largest lesson file accepted: about ten times the longest lesson a learner should meet in one sitting. */
export const MAX_FILE_BYTES = 1_000_000;

export type TextRead = { text: string; error?: undefined } | { text?: undefined; error: ContentError };

function lineOf(bytes: Buffer, offset: number): number {
	let line = 1;
	for (let index = 0; index < offset; index++) if (bytes[index] === 0x0a) line++;
	return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Buffer): number {
	let low = 0;
	let high = bytes.length;
	// The longest prefix that decodes, by bisection. Streaming mode accepts a prefix that ends
	// mid-sequence, so a prefix fails only when it holds an invalid byte.
	while (high - low > 1) {
		const middle = Math.floor((low + high) / 2);
		try {
			new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
			low = middle;
		} catch {
			high = middle;
		}
	}
	return low;
}

export function readLessonText(path: string, shownName: string): TextRead {
	const bytes = readFileSync(path);
	if (bytes.length > MAX_FILE_BYTES) {
		const size = (bytes.length / 1_000_000).toFixed(1);
		return {
			error: {
				file: shownName,
				line: 1,
				column: 1,
				field: '',
				message: `expected a file of at most ${MAX_FILE_BYTES / 1_000_000} MB, found ${size} MB: split it into several lessons`
			}
		};
	}
	let text: string;
	try {
		// ignoreBOM: false (the default) drops a leading byte-order mark.
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return {
			error: {
				file: shownName,
				line: lineOf(bytes, firstInvalidByte(bytes)),
				column: 1,
				field: '',
				message: 'expected text saved as UTF-8, found bytes that are not: save the file as UTF-8 in your editor'
			}
		};
	}
	return { text: text.replace(/\r\n?/g, '\n') };
}
