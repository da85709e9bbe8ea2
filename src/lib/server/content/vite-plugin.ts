/**
 * Makes the validated course a build-time module (`virtual:backchannel/course`): the lesson files
 * are loaded once per build, a bad file fails `vite build` with every located error, and in dev an
 * edit to any lesson file reloads the page or shows its errors in Vite's overlay.
 */
import { resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { formatContentErrors } from './content-error.ts';
import { loadCourse } from './load-course.ts';

export const COURSE_MODULE_ID = 'virtual:backchannel/course';
const RESOLVED_ID = `\0${COURSE_MODULE_ID}`;

function brokenCourseModule(message: string): string {
	return [
		`const report = ${JSON.stringify(message)};`,
		'export const course = new Proxy({}, { get() { const error = new Error(report); error.stack = report; throw error; } });'
	].join('\n');
}

export function lessonsPlugin(options: { dir: string }): Plugin {
	const dir = resolve(options.dir);
	let server: ViteDevServer | undefined;

	return {
		name: 'backchannel-lessons',
		resolveId(id) {
			return id === COURSE_MODULE_ID ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			const { course, errors } = await loadCourse(dir);
			if (!course) {
				const message = formatContentErrors(errors);
				// In dev the module still loads, and reading the course throws the report on each
				// request: Vite's SSR runner keeps a module that failed to load or to run failed even
				// after the file is fixed, so the page would not recover without a restart. The
				// build prints the report and stops.
				if (server) return brokenCourseModule(message);
				const error = new Error(message);
				error.stack = message;
				throw error;
			}
			return `export const course = ${JSON.stringify(course)};`;
		},
		configureServer(devServer) {
			server = devServer;
			devServer.watcher.add(dir);
			const onChange = (file: string) => {
				if (!resolve(file).startsWith(dir) || !server) return;
				const module = server.moduleGraph.getModuleById(RESOLVED_ID);
				if (module) server.moduleGraph.invalidateModule(module);
				server.ws.send({ type: 'full-reload' });
			};
			devServer.watcher.on('change', onChange);
			devServer.watcher.on('add', onChange);
			devServer.watcher.on('unlink', onChange);
		}
	};
}
