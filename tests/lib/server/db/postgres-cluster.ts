/**
 * A throwaway PostgreSQL server for the tests: `initdb` into a temporary folder, started on a
 * free loopback port with its unix socket in that folder, stopped and deleted at the end. Needs
 * only Debian's `postgresql` package (as the browser tests need its `chromium`); without it the
 * tests fail with that message, they never skip.
 *
 * PostgreSQL refuses to run as root, and CI runs as root: then `initdb` and `pg_ctl` run as the
 * `postgres` user the Debian package creates, owning the temporary folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface PostgresCluster {
	/** `postgres://` URL of the cluster's `postgres` database (superuser, no password). */
	readonly url: string;
	/** Creates an empty database and returns its URL. */
	createDatabase(name: string): Promise<string>;
	stop(): void;
}

export interface ClusterOptions {
	/**
	 * `false` turns off fsync: much faster, and fine where no test depends on what reaches the disk
	 * (a crash of the PostgreSQL server itself). Default `true`.
	 */
	fsync?: boolean;
}

const NOT_INSTALLED = 'PostgreSQL is not installed: apt-get install postgresql';

/** Where `initdb` and `pg_ctl` are: Debian's versioned folder (newest first), else PATH. */
export function postgresBinDir(): string {
	const debianRoot = '/usr/lib/postgresql';
	const versions = existsSync(debianRoot)
		? readdirSync(debianRoot)
				.filter((name) => /^\d+$/.test(name))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	const candidates = [
		...versions.map((version) => join(debianRoot, version, 'bin')),
		...(process.env.PATH ?? '').split(delimiter)
	];
	const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
	if (!found) throw new Error(NOT_INSTALLED);
	return found;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

function postgresUid(): { uid: number; gid: number } {
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
	try {
		return { uid: id('-u'), gid: id('-g') };
	} catch {
		throw new Error(`${NOT_INSTALLED} (running as root needs its "postgres" user)`);
	}
}

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
	const bin = postgresBinDir();
	const root = mkdtempSync(join(tmpdir(), 'backchannel-pg-'));
	const asRoot = process.getuid?.() === 0;
	if (asRoot) {
		const { uid, gid } = postgresUid();
		chownSync(root, uid, gid);
	}
	/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
	const run = (program: string, args: string[]) => {
		const [command, commandArgs] = asRoot
			? ['runuser', ['-u', 'postgres', '--', join(bin, program), ...args]]
			: [join(bin, program), args];
		const result = spawnSync(command, commandArgs, { encoding: 'utf8' });
		if (result.status !== 0)
			throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout || result.error}`);
	};
	const dataDir = join(root, 'data');
	// --no-sync only skips flushing initdb's own files: nothing of a test is in them yet.
	run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);

	let started = false;
	const stop = () => {
		if (started) {
			started = false;
			spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [
				...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
				...['-D', dataDir, '-m', 'immediate', '-w', '-s', 'stop']
			]);
		}
		rmSync(root, { recursive: true, force: true });
		process.off('exit', stop);
	};
	// A test process that ends without afterAll (a crash, a timeout) still takes its server down.
	process.on('exit', stop);

	let port = 0;
	for (let attempt = 1; !started; attempt++) {
		port = await freePort();
		const settings = [
			`-p ${port}`,
			'-c listen_addresses=127.0.0.1',
			`-k ${root}`,
			`-c fsync=${options.fsync === false ? 'off' : 'on'}`,
			// Each app process holds a small pool; tests open a few at once.
			'-c max_connections=100'
		].join(' ');
		try {
			run('pg_ctl', ['-D', dataDir, '-l', join(root, 'server.log'), '-w', '-s', '-o', settings, 'start']);
			started = true;
		} catch (error) {
			// Another process may have taken the port between our probe and the server's bind.
			if (attempt >= 3) {
				stop();
				throw error;
			}
		}
	}

	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	return {
		url,
		async createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
			const client = new pg.Client({ connectionString: url });
			await client.connect();
			try {
				await client.query(`CREATE DATABASE ${name}`);
			} finally {
				await client.end();
			}
			return `postgres://postgres@127.0.0.1:${port}/${name}`;
		},
		stop
	};
}
