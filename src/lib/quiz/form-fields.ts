/**
 * The names of the form fields a question's inputs submit. One place decides them, so that the
 * input components (which render them) and `responseFromForm` (which reads them) cannot drift, and
 * several questions can share one form: every name starts with the question's id.
 *
 * - single, true/false, map: `answer.<question>` holds the option id, `true`/`false`, the actor id.
 * - multiple: `answer.<question>` once per ticked option.
 * - ordering: `answer.<question>.<event>` holds the event's position, 1 to n.
 * - matching: `answer.<question>.<quote>` holds the speaker's actor id.
 * - classification: `answer.<question>.<statement>` holds the kind.
 */
export function answerField(questionId: string, partId?: string): string {
	return partId === undefined ? `answer.${questionId}` : `answer.${questionId}.${partId}`;
}

/** A DOM id for a question's part, safe to use in `id`/`for`/`aria-*` attributes. */
export function controlId(questionId: string, ...parts: string[]): string {
	return ['quiz', questionId, ...parts].join('-');
}
