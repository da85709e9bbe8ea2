/**
 * The launch page's script (src/lib/scorm/launch.ts and what it imports), bundled into one
 * classic script with Vite's library mode: an LMS file server needs nothing but the file.
 */
import { build, type Rolldown } from 'vite';
import { PROJECT_ROOT } from './static-build.ts';
import { join } from 'node:path';

export async function launchScript(): Promise<string> {
	const output = await build({
		configFile: false,
		root: PROJECT_ROOT,
		logLevel: 'silent',
		build: {
			write: false,
			minify: true,
			target: 'es2020',
			lib: { entry: join(PROJECT_ROOT, 'src/lib/scorm/launch.ts'), formats: ['iife'], name: 'backchannelScorm' }
		}
	});
	const results = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
	const chunk = results.flatMap((result) => result.output).find((file) => file.type === 'chunk');
	if (!chunk || chunk.type !== 'chunk') throw new Error('the launch script did not build');
	return chunk.code;
}
