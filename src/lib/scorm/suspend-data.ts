/**
 * What the package keeps between sessions in `suspend_data`: each question's best score, in
 * percent. SCORM 1.2 allows 4,096 characters, so the package build measures the worst case
 * (every question answered, every score three digits) and refuses a module that would not fit.
 * A value that does not parse (another package's, a truncated one) starts afresh: the learner
 * loses the resume, never the page.
 */
export interface SuspendState {
	/** Question id → best score so far, 0 to 100. */
	best: Record<string, number>;
}

export const SUSPEND_DATA_LIMIT_12 = 4096;
const FORMAT = 1;

export function encodeSuspendData(state: SuspendState): string {
	const ids = Object.keys(state.best).sort();
	return JSON.stringify({ v: FORMAT, b: Object.fromEntries(ids.map((id) => [id, state.best[id]])) });
}

export function decodeSuspendData(text: string): SuspendState {
	try {
		const parsed: unknown = JSON.parse(text);
		const best = (parsed as { v?: unknown; b?: unknown })?.b;
		if ((parsed as { v?: unknown }).v !== FORMAT || !best || typeof best !== 'object') return { best: {} };
		const kept = Object.entries(best as Record<string, unknown>).filter(
			(entry): entry is [string, number] =>
				typeof entry[1] === 'number' && Number.isInteger(entry[1]) && entry[1] >= 0 && entry[1] <= 100
		);
		return { best: Object.fromEntries(kept) };
	} catch {
		return { best: {} };
	}
}

/** The longest `suspend_data` these questions can produce. */
export function worstCaseSuspendData(questionIds: readonly string[]): string {
	return encodeSuspendData({ best: Object.fromEntries(questionIds.map((id) => [id, 100])) });
}
