/**
 * The launch page's script (bundled on its own when a package is built). The package's pages are
 * separate documents, so one page cannot hold the LMS session across a link: the launch page
 * holds it and shows the pages in a frame. It starts the session (or none, opened outside an
 * LMS), opens the page the learner left off at, follows them from page to page, reports the
 * questions the quiz announces, and ends the session when the launch page goes away.
 */
import { QUESTION_SETTLED_EVENT, type SettledAnnouncement } from '../quiz/settled-announcement.ts';
import { findApi, type ApiWindow } from './lms-api.ts';
import { PACKAGE_DATA_ID, type PackageData } from './package-data.ts';
import { ScormSession } from './scorm-session.ts';

const data = JSON.parse(document.getElementById(PACKAGE_DATA_ID)?.textContent ?? '{}') as PackageData;
const frame = document.querySelector<HTMLIFrameElement>('iframe#content');
const root = new URL('.', location.href);

const lms = findApi(data.version, window as unknown as ApiWindow);
let session: ScormSession | undefined;
let resumeAt: string | undefined;
if (lms) {
	try {
		session = new ScormSession(lms, data);
		resumeAt = session.start().location;
	} catch (problem) {
		session = undefined;
		console.warn(`Backchannel: working without the LMS: ${(problem as Error).message}`);
	}
}

/** The package page an in-site link (`/module/lesson#part`) stands for, if the package has it. */
function pageFor(path: string): string | undefined {
	const [route = '', hash] = path.replace(/^\//, '').split('#');
	const page = route === '' ? data.start : `${route.replace(/\/$/, '')}.html`;
	if (!data.pages.includes(page)) return undefined;
	return hash ? `${page}#${hash}` : page;
}

/**
 * The prerendered pages' links are rewritten when the package is built; links the app renders
 * later (an explanation's actor link) still say `/module/...`, so a click on one is pointed at
 * the package's page just before the browser follows it.
 */
function followInPackage(event: MouseEvent): void {
	const link = (event.target as Element | null)?.closest?.('a');
	const href = link?.getAttribute('href');
	if (!link || !href?.startsWith('/') || href.startsWith('//')) return;
	const page = pageFor(href);
	if (page) link.setAttribute('href', new URL(page, root).href);
	else event.preventDefault();
}

function pageLoaded(): void {
	const view = frame?.contentWindow;
	if (!view) return;
	// The launch page's title follows the page shown, for the browser tab and screen readers.
	document.title = view.document.title || data.title;
	const here = view.location.href;
	if (here.startsWith(root.href)) session?.navigated(decodeURI(here.slice(root.href.length).split('#')[0] ?? ''));
	view.addEventListener(QUESTION_SETTLED_EVENT, (event) =>
		session?.settled((event as CustomEvent<SettledAnnouncement>).detail)
	);
	view.document.addEventListener('click', followInPackage, true);
}

if (frame) {
	frame.addEventListener('load', pageLoaded);
	frame.src = new URL(resumeAt ?? data.start, root).href;
}

// pagehide fires where unload does not (bfcache, mobile); finish() ignores a second call.
window.addEventListener('pagehide', () => session?.finish());
window.addEventListener('beforeunload', () => session?.finish());
