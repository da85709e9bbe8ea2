/**
 * The module's prerendered pages, made to work from any file server, for a SCORM package.
 *
 * Design note. Three ways were open: Kit's `paths.relative` alone, a second build with
 * adapter-static, or post-processing the production build's prerendered output. Kit already
 * writes relative asset paths and works out its base path from each page's location at runtime
 * (`paths.relative`, on by default), so the pages' scripts, styles and data load from anywhere.
 * What it cannot do is turn our in-site links (`/witkoff-leak/calls`) into files (`calls.html`)
 * on a server that knows no routes, and adapter-static would not either (and is one more
 * package). So the package takes the real build's output and changes only what must change:
 * - in-site `href`/`src` attributes become relative file paths (routes the package does not
 *   carry, the classroom's, are hidden);
 * - `data-sveltekit-reload` on `<body>`: every link is a plain page load, so Kit's client router,
 *   which would ask for `__data.json` at route URLs, never runs (and no preloading);
 * - links the app renders after hydration are pointed at the files by the launch page (launch.ts).
 * The tests check this against the real build's output, and the browser test runs it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';

export interface SitePages {
	/** Package path → bytes. */
	files: Map<string, Uint8Array>;
	/** The module's pages, package paths (`witkoff-leak/calls.html`). */
	pages: string[];
	/** The module's overview page. */
	start: string;
}

/** Compressed copies are for adapter-node's server; `__data.json` only for client-side navigation. */
const SKIPPED = /(\.br|\.gz|__data\.json)$/;

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((path) => path.split('\\').join('/'))
		.filter((path) => !SKIPPED.test(path) && statSync(join(dir, path)).isFile())
		.sort();
}

/** The file an in-site path stands for in the package, if the package has it. */
function fileFor(path: string, module: string, files: Set<string>): string | undefined {
	const route = path.replace(/^\//, '').replace(/\/$/, '');
	if (route === '' || route === module) return `${module}.html`;
	if (files.has(`${route}.html`)) return `${route}.html`;
	if (files.has(route)) return route;
	return undefined;
}

export function relocatePage(html: string, page: string, module: string, files: Set<string>): string {
	const hidden = new Set<string>();
	const relocated = html.replace(
		/(\s(?:href|src))="(\/(?!\/)[^"#]*)(#[^"]*)?"/g,
		(whole, attribute: string, path: string, hash = '') => {
			const file = fileFor(path, module, files);
			if (!file) {
				hidden.add(path);
				return whole;
			}
			const relative = posix.relative(posix.dirname(page), file) || posix.basename(file);
			return `${attribute}="${relative}${hash}"`;
		}
	);
	const hide = [...hidden].map((path) => `a[href="${path}"]`).join(',');
	return relocated
		.replace(/<body([^>]*?)\sdata-sveltekit-preload-data="[^"]*"/, '<body$1')
		.replace(/<body/, '<body data-sveltekit-reload')
		.replace('</head>', hide ? `<style>${hide}{display:none}</style></head>` : '</head>');
}

/** The module's pages and the app's assets from a production build's output folder. */
export function sitePages(buildDir: string, module: string): SitePages {
	const prerendered = join(buildDir, 'prerendered');
	const client = join(buildDir, 'client');
	const sources = new Map<string, string>();
	for (const path of filesUnder(client)) sources.set(path, join(client, path));
	sources.set(`${module}.html`, join(prerendered, `${module}.html`));
	for (const path of filesUnder(join(prerendered, module)))
		sources.set(`${module}/${path}`, join(prerendered, module, path));

	const names = new Set(sources.keys());
	const pages = [...names].filter((path) => path.endsWith('.html')).sort();
	const files = new Map<string, Uint8Array>();
	for (const [path, source] of sources) {
		const bytes = readFileSync(source);
		files.set(
			path,
			path.endsWith('.html')
				? new TextEncoder().encode(relocatePage(bytes.toString('utf8'), path, module, names))
				: bytes
		);
	}
	return { files, pages, start: `${module}.html` };
}
