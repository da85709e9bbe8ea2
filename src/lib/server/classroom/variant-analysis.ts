/**
 * Whether the variants of a held-back slot are really parallel. A variant is flagged when its
 * share correct differs from its siblings' by more than `FLAG_DIFFERENCE` (25 points), once it
 * has `FLAG_MINIMUM` (10) students and its siblings together have as many: with fewer, a gap of
 * 25 points is well within chance. The siblings' share is pooled over their students, so a
 * sibling answered by more students weighs more.
 */
export const FLAG_MINIMUM = 10;
export const FLAG_DIFFERENCE = 0.25;

export interface VariantResult {
	slotId: string;
	answered: number;
	/** Students whose last try is fully correct. */
	correct: number;
}

/** For each variant, in order: the siblings' pooled share correct it differs from, or `null`. */
export function variantFlags(variants: readonly VariantResult[]): (number | null)[] {
	return variants.map((variant, index) => {
		if (variant.answered < FLAG_MINIMUM) return null;
		const siblings = variants.filter((other, position) => position !== index && other.slotId === variant.slotId);
		const answered = siblings.reduce((sum, other) => sum + other.answered, 0);
		if (answered < FLAG_MINIMUM) return null;
		const siblingShare = siblings.reduce((sum, other) => sum + other.correct, 0) / answered;
		return Math.abs(variant.correct / variant.answered - siblingShare) > FLAG_DIFFERENCE ? siblingShare : null;
	});
}
