/**
 * The performance budgets of issue 7, checked against each route's figures. A miss names the
 * budget, the route, the figure and by how much it is over, so the failure reads on its own.
 */
import { kB, ms } from './report.ts';

export interface RouteFigures {
	path: string;
	isLesson: boolean;
	jsGzip: number;
	cssGzip: number;
	transfer: number;
	lighthouse: number;
	lcp: number;
	tbt: number;
	/** Undefined for a page without JavaScript. */
	hydrated: number | undefined;
	blocking: number;
}

export interface BudgetMiss {
	budget: string;
	where: string;
	figure: string;
	over: string;
}

interface RouteBudget {
	name: string;
	appliesTo: 'lesson routes' | 'every route';
	limit: number;
	/** Lighthouse's score must reach the limit; every other figure must stay under it. */
	atLeast?: boolean;
	figure(route: RouteFigures): number;
	format(value: number): string;
}

export const ROUTE_BUDGETS: RouteBudget[] = [
	{
		name: 'JS loaded on open ≤ 50 kB gzip',
		appliesTo: 'lesson routes',
		limit: 50_000,
		figure: (route) => route.jsGzip,
		format: kB
	},
	{
		name: 'total transfer ≤ 100 kB',
		appliesTo: 'every route',
		limit: 100_000,
		figure: (route) => route.transfer,
		format: kB
	},
	{
		name: 'Lighthouse performance 100',
		appliesTo: 'every route',
		limit: 100,
		atLeast: true,
		figure: (route) => route.lighthouse,
		format: String
	},
	{
		name: 'long-task blocking ≤ 50 ms at 4× CPU',
		appliesTo: 'every route',
		limit: 50,
		figure: (route) => route.blocking,
		format: ms
	}
];

export function checkRouteBudgets(routes: RouteFigures[]): BudgetMiss[] {
	return ROUTE_BUDGETS.flatMap((budget) =>
		routes
			.filter((route) => budget.appliesTo === 'every route' || route.isLesson)
			.flatMap((route) => {
				const value = budget.figure(route);
				const missed = budget.atLeast ? value < budget.limit : value > budget.limit;
				if (!missed) return [];
				const over = budget.atLeast
					? `${budget.format(budget.limit - value)} short`
					: `${budget.format(value - budget.limit)} over`;
				return [
					{ budget: `${budget.name} (${budget.appliesTo})`, where: route.path, figure: budget.format(value), over }
				];
			})
	);
}
