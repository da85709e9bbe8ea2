/**
 * What the assignment form shows (the teacher's /teach and the LMS's deep-linking form share it):
 * the lessons to choose from, with counts only (held-back items never leave the server), the
 * limits and the defaults; and what the teacher typed, sent back with errors.
 */
export interface AssignmentFormModule {
	slug: string;
	title: string;
	/** Whether its lessons have held-back items to assess with. */
	assessable: boolean;
	lessons: { slug: string; title: string; questions: number; heldBack: number }[];
}

export interface AssignmentFormData {
	modules: AssignmentFormModule[];
	limits: { maxTries: number; maxTitle: number };
	/** As the fields show them: the pass mark a whole percentage (80), as teachers type it. */
	defaults: { passMark: number; tries: number };
}

/** What the teacher typed, sent back with the errors so nothing has to be typed again. */
export interface AssignmentFormValues {
	title: string;
	lessons: string[];
	due: string;
	/** A whole percentage, as typed. */
	passMark: string;
	tries: string;
	reveal: string;
	mode: string;
}

/** The id of a lesson's checkbox, which the error summary links to. */
export const lessonFieldId = (module: string, lesson: string) => `lesson-${module}-${lesson}`;

/** Where the error summary's "Lessons" link leads: the first lesson's checkbox. */
export function firstLessonFieldId(modules: readonly AssignmentFormModule[]): string {
	const module = modules[0];
	const lesson = module?.lessons[0];
	return module && lesson ? lessonFieldId(module.slug, lesson.slug) : 'lessons';
}
