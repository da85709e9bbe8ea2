/** What every benchmark step receives, and what it gives back. */
import type { Browser } from 'playwright-core';
import type { BuiltApp } from './app-build.ts';
import type { BudgetMiss } from './budgets.ts';

export interface BenchContext {
	/** The production build of the course under test, served on loopback. */
	baseUrl: string;
	app: BuiltApp;
	/** The lessons folder it was built from (`lessons/`, or BACKCHANNEL_LESSONS_DIR). */
	lessonsDir: string;
	/** One Chromium for in-page measurements; steps open their own contexts in it. */
	browser: Browser;
	/** CPU time the served app's process has used so far, in ms (Linux only). */
	serverCpuMs(): number | undefined;
	/** Keeps a step's figures for `bench-results/latest.json`. */
	record(step: string, figures: unknown): void;
}

/** A step prints its own table and returns the budgets it missed (none if it checks none). */
export interface BenchStep {
	name: string;
	run(context: BenchContext): Promise<BudgetMiss[] | void>;
}
