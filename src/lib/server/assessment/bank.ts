/**
 * The one door to the held-back assessment items. They are built into the server only (the
 * lessons plugin refuses them to a client build), and only the classroom's server code imports
 * this file: a route that hands them to a page must do so only for a student's own drawn items,
 * or for a teacher holding the dashboard key.
 */
import { assessment } from 'virtual:backchannel/assessment';
import type { AssessmentBank, AssessmentSlot } from '$lib/model/assessment';

export function assessmentBank(): AssessmentBank {
	return assessment;
}

/** The held-back slots of one lesson, in file order; none when the lesson has no assessment file. */
export function heldBackSlots(moduleSlug: string, lessonSlug: string): AssessmentSlot[] {
	const module = assessment.modules.find((candidate) => candidate.module === moduleSlug);
	return module?.lessons.find((candidate) => candidate.lesson === lessonSlug)?.slots ?? [];
}

/** Whether every chosen lesson has held-back items, so an assessed assignment can cover them all. */
export function hasHeldBackItems(moduleSlug: string, lessonSlugs: readonly string[]): boolean {
	return lessonSlugs.length > 0 && lessonSlugs.every((slug) => heldBackSlots(moduleSlug, slug).length > 0);
}
