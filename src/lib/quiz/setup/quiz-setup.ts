/** What a page tells the quiz runner: the questions and how to link them to the page around. */
import type { Question } from '$lib/model/course';
import type { PassMark } from '$lib/pass-mark';
import type { MapActor } from './map-actors';

export interface SourceLink {
	href: string;
	label: string;
}

export interface SectionLink {
	href: string;
	title: string;
}

export interface QuizSetup {
	moduleSlug: string;
	/** Where the quiz is kept in the learner's progress: the lesson slug, or `review`. */
	sessionKey: string;
	during: 'lesson' | 'review';
	questions: Question[];
	passMark: PassMark;
	tries: number;
	/** The module's actors, for map questions (and their names in answers). */
	actors: MapActor[];
	/** The lesson's own actors, listed first in map questions. */
	focus?: string[];
	lessonOf: (questionId: string) => string;
	/** The lesson section a question tests: its link and title. */
	sectionOf: (question: Question) => SectionLink;
	sourceOf: (sourceId: string) => SourceLink | undefined;
	/** Start a new quiz even if one is in progress (a new review round). */
	fresh?: boolean;
}
