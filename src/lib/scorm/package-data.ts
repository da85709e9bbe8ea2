/**
 * What a SCORM package's launch page knows about its module, written into the page as JSON when
 * the package is built: its pages, its pass mark and every public question's key in the CMI
 * vocabulary of the package's SCORM version. Only public self-check items ever get here.
 */
import type { PassMark } from '../pass-mark.ts';

export type ScormVersion = '1.2' | '2004';

export type InteractionType = 'choice' | 'true-false' | 'sequencing' | 'matching';

export interface PackageQuestion {
	id: string;
	lesson: string;
	type: InteractionType;
	/** The correct response as a `correct_responses.0.pattern` of this version. */
	pattern: string;
	/** The prompt as plain text (2004's interaction description). */
	description: string;
}

export interface PackageData {
	version: ScormVersion;
	module: string;
	title: string;
	/** The page opened first, relative to the launch page. */
	start: string;
	/** Every page of the package, relative to the launch page (`witkoff-leak/calls.html`). */
	pages: string[];
	/** 0 to 1: the module's own, unless the LMS sets a mastery or passing score. */
	passMark: PassMark;
	questions: PackageQuestion[];
}

export const PACKAGE_DATA_ID = 'backchannel-package';
