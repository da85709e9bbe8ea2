/**
 * The classroom load run (classroom-load.ts) on the two stores, printed side by side: the served
 * app on SQLite (one process, 200 students), then two `node build` processes of the same build on
 * one PostgreSQL (a throwaway cluster, fsync on), 100 students each, at the same time.
 *
 * On one machine the two processes and PostgreSQL share its cores with the load generator, so
 * the figures show what the extra round trips cost, not what more machines would add.
 */
import { startPostgresCluster } from '../lib/server/db/postgres-cluster.ts';
import { serveApp } from './app-build.ts';
import { runClassroomLoad, type ClassroomLoadResult } from './classroom-load.ts';
import type { BenchContext } from './context.ts';
import { printTable } from './report.ts';

const STUDENTS = 200;
const PROCESSES = 2;

interface StoreRow {
	store: string;
	students: number;
	handInsPerSecond: number;
	p50: number;
	p99: number;
}

function row(store: string, results: ClassroomLoadResult[]): StoreRow {
	return {
		store,
		students: results.reduce((total, result) => total + result.students, 0),
		handInsPerSecond: Math.round(results.reduce((total, result) => total + result.submissionsPerSecond, 0)),
		// Each process's run has its own percentiles: the slower one is the one students feel.
		p50: Math.max(...results.map((result) => result.latencyMs.p50)),
		p99: Math.max(...results.map((result) => result.latencyMs.p99))
	};
}

export async function measurePostgres(context: BenchContext): Promise<void> {
	const quiet = { lessonsDir: context.lessonsDir, log: (line: string) => console.log(`  ${line}`) };
	const sqlite = await runClassroomLoad(context.baseUrl, { ...quiet, students: STUDENTS });

	const cluster = await startPostgresCluster({ fsync: true });
	try {
		const databaseUrl = await cluster.createDatabase('bench');
		// Started together, so they also race to migrate: one does, the other waits for it.
		const servers = await Promise.all(
			Array.from({ length: PROCESSES }, () => serveApp(context.app, { DATABASE_URL: databaseUrl }))
		);
		try {
			const postgres = await Promise.all(
				servers.map((server) => runClassroomLoad(server.baseUrl, { ...quiet, students: STUDENTS / PROCESSES }))
			);
			const rows = [row('SQLite, 1 process', [sqlite]), row(`PostgreSQL, ${PROCESSES} processes`, postgres)];
			context.record('classroom load by store', rows);
			printTable(
				`Classroom load by store: ${STUDENTS} students handing in for ${sqlite.durationSeconds} s (closed loop)`,
				['store', 'students', 'hand-ins/s', 'p50 ms', 'p99 ms'],
				rows.map((entry) => [
					entry.store,
					String(entry.students),
					String(entry.handInsPerSecond),
					String(entry.p50),
					String(entry.p99)
				])
			);
			const problems = [sqlite, ...postgres].flatMap((result) => result.problems);
			if (problems.length > 0) throw new Error(problems.join('; '));
		} finally {
			await Promise.all(servers.map((server) => server.stop()));
		}
	} finally {
		cluster.stop();
	}
}
