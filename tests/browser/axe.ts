/** axe-core in a Chromium page: which WCAG 2.2 A and AA rules fail, as one readable line per element. */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

declare global {
	interface Window {
		axe: typeof axe;
	}
}

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * The rules whose outcome depends on colour. A second colour scheme changes colours only (the
 * stylesheets swap custom properties under `prefers-color-scheme`), so it needs only these; the
 * structural rules already ran on the same page and screen in the first scheme.
 */
export const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

interface Violation {
	rule: string;
	impact: string;
	help: string;
	nodes: { target: string; summary: string }[];
}

export type AxeScope = 'all' | 'colour';

export async function violationsOn(page: Page, scope: AxeScope = 'all'): Promise<Violation[]> {
	await page.addScriptTag({ content: axe.source });
	const runOnly = scope === 'all' ? { type: 'tag', values: WCAG_22_AA } : { type: 'rule', values: COLOUR_RULES };
	return page.evaluate(async (only) => {
		const results = await window.axe.run(document, {
			runOnly: only as { type: 'tag' | 'rule'; values: string[] },
			resultTypes: ['violations']
		});
		return results.violations.map((violation) => ({
			rule: violation.id,
			impact: violation.impact ?? 'unknown',
			help: violation.help,
			nodes: violation.nodes.map((node) => ({ target: node.target.join(' '), summary: node.failureSummary ?? '' }))
		}));
	}, runOnly);
}

/** One line per offending element, readable in the test output: rule, impact, where, what to fix. */
export function describeViolations(violations: Violation[]): string[] {
	return violations.flatMap((violation) =>
		violation.nodes.map(
			(node) =>
				`${violation.rule} (${violation.impact}) at ${node.target}: ${violation.help}. ${node.summary.replace(/\s+/g, ' ')}`
		)
	);
}
