/**
 * `npm run export -- <module> --format <format> [--out <dir>] [--include-assessment]`: writes one
 * file a teacher can upload to an LMS. Errors are one clear line and exit code 1.
 */
import { runExport } from './run-export.ts';

process.exitCode = await runExport(process.argv.slice(2), {
	log: (line) => console.log(line),
	error: (line) => console.error(line)
});
