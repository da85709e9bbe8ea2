/**
 * The pass mark, in one unit everywhere in code: a share of the possible score from 0 to 1
 * (0.8 is 80%), like every score it is compared with. Lessons give it so in lesson.yaml
 * (`quiz.passMark`), and the quiz, the classroom's assignments, the dashboard and the exports
 * carry it so.
 *
 * Percent exists only at the edges, each converted once with the functions below: the teacher's
 * assignment form (teachers type 80 for 80%), the classroom tables' `pass_mark` column (a whole
 * percentage, db/classroom-rows.ts), SCORM 1.2's `masteryscore`, and what pages show
 * (`formatPercent`).
 */
export type PassMark = number;

/** 80 → 0.8: a pass mark given as a percentage (the teacher's form, the classroom tables). */
export function passMarkFromPercent(percent: number): PassMark {
	return percent / 100;
}

/**
 * 0.8 → 80: a pass mark as a whole percentage, for the edges that take one (the teacher's form,
 * the classroom tables, SCORM 1.2). Rounded, so float error (0.7 × 100 = 70.00000000000001)
 * never reaches an integer column.
 */
export function passMarkToPercent(passMark: PassMark): number {
	return Math.round(passMark * 100);
}

/**
 * Whether a score (0 to 1) reaches the pass mark: the one rule for lessons and the classroom.
 * Compared in whole percentages, as both are shown (`formatPercent`): a score shown as 80% never
 * sits beside "not passed" under a pass mark shown as 80%, and a mean that float arithmetic
 * leaves a hair under the mark still passes. One whole point below the mark fails.
 */
export function reachesPassMark(score: number, passMark: PassMark): boolean {
	return Math.round(score * 100) >= Math.round(passMark * 100);
}
