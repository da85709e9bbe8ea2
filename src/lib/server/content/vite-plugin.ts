/**
 * Makes the validated course a build-time module (`virtual:backchannel/course`): the lesson files
 * are loaded once per build, a bad file fails `vite build` with every located error, and in dev an
 * edit to any lesson file reloads the page or shows its errors in Vite's overlay.
 *
 * The held-back assessment items are a second module (`virtual:backchannel/assessment`) that only
 * a server environment may load: SvelteKit's `$lib/server` rule keeps its one importer out of the
 * browser, and this plugin refuses the module to a client build in case anything else imports it.
 */
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatContentErrors } from './content-error.ts';
import { loadCourse, type LoadResult } from './load-course.ts';

export const COURSE_MODULE_ID = 'virtual:backchannel/course';
export const ASSESSMENT_MODULE_ID = 'virtual:backchannel/assessment';
const RESOLVED_ID = `\0${COURSE_MODULE_ID}`;
const RESOLVED_ASSESSMENT_ID = `\0${ASSESSMENT_MODULE_ID}`;

/** What `load` needs of Vite's plugin context: which environment (browser or server) asks. */
interface LoadContext {
	environment?: { config: { consumer?: 'client' | 'server' } };
}

function brokenModule(name: 'course' | 'assessment', message: string): string {
	return [
		`const report = ${JSON.stringify(message)};`,
		`export const ${name} = new Proxy({}, { get() { const error = new Error(report); error.stack = report; throw error; } });`
	].join('\n');
}

export function lessonsPlugin(options: { dir: string }): Plugin {
	const dir = resolve(options.dir);
	let server: ViteDevServer | undefined;
	// One load per build serves both modules and both environments; a change in dev drops it.
	let loaded: Promise<LoadResult> | undefined;
	// Counts changes in dev: a load that read the files before a change must not be served after it.
	let generation = 0;

	/**
	 * The course as the files are now. A load that began before a change and ends after it read
	 * the old files, and Vite would keep what it returns (the change already invalidated the module
	 * before it existed), so a fixed file kept answering with its old error: load again.
	 */
	async function current(): Promise<LoadResult> {
		for (;;) {
			const seen = generation;
			loaded ??= loadCourse(dir);
			const result = await loaded;
			if (seen === generation) return result;
		}
	}

	return {
		name: 'backchannel-lessons',
		resolveId(id) {
			if (id === COURSE_MODULE_ID) return RESOLVED_ID;
			return id === ASSESSMENT_MODULE_ID ? RESOLVED_ASSESSMENT_ID : undefined;
		},
		async load(this: LoadContext | undefined, id: string) {
			if (id !== RESOLVED_ID && id !== RESOLVED_ASSESSMENT_ID) return undefined;
			if (id === RESOLVED_ASSESSMENT_ID && this?.environment?.config.consumer !== 'server') {
				throw new Error(
					`${ASSESSMENT_MODULE_ID} holds the held-back assessment items and loads only in server code; ` +
						'a client module imports it (import it only from src/lib/server/assessment/).'
				);
			}
			const { course, assessment, errors } = await current();
			if (!course || !assessment) {
				const message = formatContentErrors(errors);
				// In dev the module still loads, and reading the course throws the report on each
				// request: Vite's SSR runner keeps a module that failed to load or to run failed even
				// after the file is fixed, so the page would not recover without a restart. The
				// build prints the report and stops.
				if (server) return brokenModule(id === RESOLVED_ID ? 'course' : 'assessment', message);
				// The build fails once, on the course module, with the report and nothing else: the
				// held-back items' module stands in (it never runs), and the error carries no stack
				// (it would only print the report a second time).
				if (id === RESOLVED_ASSESSMENT_ID) return brokenModule('assessment', message);
				const error = new Error(message);
				error.stack = '';
				throw error;
			}
			return id === RESOLVED_ID
				? `export const course = ${JSON.stringify(course)};`
				: `export const assessment = ${JSON.stringify(assessment)};`;
		},
		configureServer(devServer) {
			server = devServer;
			devServer.watcher.add(dir);
			const onChange = (file: string) => {
				if (!resolve(file).startsWith(dir) || !server) return;
				generation++;
				loaded = undefined;
				for (const id of [RESOLVED_ID, RESOLVED_ASSESSMENT_ID]) {
					const module = server.moduleGraph.getModuleById(id);
					if (module) server.moduleGraph.invalidateModule(module);
				}
				server.ws.send({ type: 'full-reload' });
			};
			devServer.watcher.on('change', onChange);
			devServer.watcher.on('add', onChange);
			devServer.watcher.on('unlink', onChange);
		}
	};
}
