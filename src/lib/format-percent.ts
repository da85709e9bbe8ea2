/**
 * `73%`: a share from 0 to 1 as a whole percentage, as teachers and students read it. Every
 * score, pass mark and share on every page and in every export goes through this one function.
 */
export function formatPercent(share: number): string {
	return `${Math.round(share * 100)}%`;
}
