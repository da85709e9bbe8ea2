/**
 * The SCORM packages of each module, built from the bench's own production build: their size
 * (budget: the 2004 zip ≤ 1.5 MB) and the longest `suspend_data` the module can produce (budget:
 * SCORM 1.2's 4,096 characters).
 */
import { join } from 'node:path';
import { loadCourse } from '$lib/server/content/load-course.ts';
import { worstCaseSuspendData, SUSPEND_DATA_LIMIT_12 } from '$lib/scorm/suspend-data.ts';
import { launchScript } from '$lib/server/export/scorm/runtime-bundle.ts';
import { packageData, scormPackage } from '$lib/server/export/scorm/scorm-package.ts';
import { sitePages } from '$lib/server/export/scorm/site-pages.ts';
import type { BudgetMiss } from './budgets.ts';
import type { BenchContext } from './context.ts';
import { printTable } from './report.ts';

export const SCORM_2004_ZIP_LIMIT = 1_500_000;

export async function measureScormPackages({ app, lessonsDir, record }: BenchContext): Promise<BudgetMiss[]> {
	const { course, errors } = await loadCourse(lessonsDir);
	if (!course) throw new Error(`${lessonsDir} does not load: ${errors[0]?.message ?? ''}`);
	const script = await launchScript();
	const misses: BudgetMiss[] = [];
	const rows: string[][] = [];
	const figures: Record<string, unknown> = {};
	for (const module of course.modules) {
		const site = sitePages(join(app.dir, 'build'), module.slug);
		const zip12 = scormPackage(module, '1.2', site, script).length;
		const zip2004 = scormPackage(module, '2004', site, script).length;
		const ids = packageData(module, '1.2', site).questions.map((question) => question.id);
		const suspend = worstCaseSuspendData(ids).length;
		rows.push([
			module.slug,
			`${(zip12 / 1e6).toFixed(2)} MB`,
			`${(zip2004 / 1e6).toFixed(2)} MB`,
			`${suspend} / ${SUSPEND_DATA_LIMIT_12}`
		]);
		figures[module.slug] = { zip12, zip2004, worstSuspendData: suspend };
		if (zip2004 > SCORM_2004_ZIP_LIMIT) {
			misses.push({
				budget: 'SCORM 2004 zip ≤ 1.5 MB',
				where: module.slug,
				figure: `${zip2004} bytes`,
				over: `${zip2004 - SCORM_2004_ZIP_LIMIT} bytes`
			});
		}
		if (suspend > SUSPEND_DATA_LIMIT_12) {
			misses.push({
				budget: 'SCORM 1.2 suspend_data ≤ 4,096 characters',
				where: module.slug,
				figure: `${suspend}`,
				over: `${suspend - SUSPEND_DATA_LIMIT_12}`
			});
		}
	}
	printTable('SCORM packages', ['module', 'SCORM 1.2 zip', 'SCORM 2004 zip', 'worst suspend_data (chars)'], rows);
	record('scorm', figures);
	return misses;
}
