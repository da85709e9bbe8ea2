/**
 * The package's launch page (`index.html`): the frame the module's pages open in, the package
 * data, and the launch script. Its title is the module's; the frame is titled too, for screen
 * readers, and fills the window.
 */
import { PACKAGE_DATA_ID, type PackageData } from '../../../scorm/package-data.ts';

const escapeHtml = (text: string): string =>
	text.replace(
		/[&<>"]/g,
		(character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[character] ?? character
	);

/** JSON inside a script element: `<` escaped so no text can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

export const LAUNCH_PAGE = 'index.html';
export const LAUNCH_SCRIPT = 'scorm-launch.js';

export function launchPage(data: PackageData): string {
	return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(data.title)}</title>
<style>html,body{margin:0;height:100%}iframe{display:block;border:0;width:100%;height:100%}</style>
</head>
<body>
<iframe id="content" title="${escapeHtml(data.title)}"></iframe>
<noscript><p><a href="${escapeHtml(data.start)}">Open ${escapeHtml(data.title)}</a></p></noscript>
<script type="application/json" id="${PACKAGE_DATA_ID}">${scriptJson(data)}</script>
<script src="${LAUNCH_SCRIPT}"></script>
</body>
</html>
`;
}
