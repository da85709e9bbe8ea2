/**
 * Which variant of each slot a student gets. Drawn from a hash of the assignment, the student and
 * the slot: the same student gets the same items on every device and after every restart, with
 * nothing stored, while neighbours (different ids) mostly get different ones, and each slot is
 * drawn independently so two students rarely share a whole paper.
 */
import { createHash } from 'node:crypto';
import type { AssessmentSlot } from '$lib/model/assessment';
import type { Question } from '$lib/model/course';

/** 0 to `count - 1`. SHA-256 spreads any ids evenly; its first 32 bits leave no useful bias. */
export function variantIndex(assignmentId: string, studentId: string, slotId: string, count: number): number {
	const digest = createHash('sha256').update(`${assignmentId}\n${studentId}\n${slotId}`).digest();
	return digest.readUInt32BE(0) % count;
}

export interface DrawnItem {
	slot: AssessmentSlot;
	/** Position of the variant in its slot, 0-based. */
	variant: number;
	question: Question;
}

export function drawItems(slots: readonly AssessmentSlot[], assignmentId: string, studentId: string): DrawnItem[] {
	return slots.flatMap((slot) => {
		const variant = variantIndex(assignmentId, studentId, slot.id, slot.variants.length);
		const question = slot.variants[variant];
		return question ? [{ slot, variant, question }] : [];
	});
}
