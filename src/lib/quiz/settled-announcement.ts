/**
 * Tells whatever hosts the page that a question was settled, as a DOM event on the page's window:
 * a SCORM package's launch page listens for it to report the interaction to the LMS. The app does
 * not listen to it itself, and where there is no window (Node) nothing is sent.
 */
import type { Response } from './grade.ts';

export const QUESTION_SETTLED_EVENT = 'backchannel:question-settled';

export interface SettledAnnouncement {
	questionId: string;
	lesson: string;
	during: 'lesson' | 'review';
	/** 0 to 1. */
	score: number;
	correct: boolean;
	/** The last answer given; none when the learner asked for the solution first. */
	response?: Response;
	/** From the question being shown to its being settled. */
	latencyMs: number;
}

export function announceSettled(detail: SettledAnnouncement): void {
	if (typeof window === 'undefined' || typeof CustomEvent === 'undefined') return;
	window.dispatchEvent(new CustomEvent(QUESTION_SETTLED_EVENT, { detail }));
}
