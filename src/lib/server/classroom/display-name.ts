/**
 * Cleaning the names students type. Invisible characters are removed rather than refused: a
 * name pasted from a chat app often carries a zero-width joiner or a direction mark, and the
 * student cannot see what to fix. Removed are the bidirectional controls (which can make
 * "Ada" display as another name, or reorder the roster's text around it) and the zero-width
 * characters (which make two identical-looking names differ). Then NFC, so the same letters
 * typed two ways (é as one code point or as e + accent) are the same name.
 */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;

export function cleanDisplayName(input: string): string {
	return input.replace(INVISIBLE, '').normalize('NFC');
}

/** The form two names are compared in to spot a likely duplicate: case, width and spacing ignored. */
export function nameKey(name: string): string {
	return cleanDisplayName(name).normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/g, ' ').trim();
}

export interface SameName {
	/** 1 for the first to join under this name. */
	position: number;
	of: number;
}

/**
 * For each name (in join order) shared by more than one student, which of them this one is;
 * `null` for a name no one else has. The roster shows it so a teacher can tell duplicates apart.
 */
export function sameNames(names: readonly string[]): (SameName | null)[] {
	const keys = names.map(nameKey);
	const totals = new Map<string, number>();
	for (const key of keys) totals.set(key, (totals.get(key) ?? 0) + 1);
	const seen = new Map<string, number>();
	return keys.map((key) => {
		const of = totals.get(key) ?? 1;
		if (of < 2) return null;
		const position = (seen.get(key) ?? 0) + 1;
		seen.set(key, position);
		return { position, of };
	});
}
