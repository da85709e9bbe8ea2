/**
 * What the /lti routes share: the live dependencies of a launch, the tool's public origin, and the
 * page a refused launch or login answers with (a plain page that names what failed, logged too).
 */
import { env } from '$env/dynamic/private';
import { isAdapterNodePlatform, linkOrigin } from '$lib/server/classroom/link-origin';
import { ltiStore } from '$lib/server/db';
import type { LaunchDependencies } from './launch.ts';
import { remoteKeySet } from './launch.ts';
import { platformRegistry } from './platforms.ts';

export function launchDependencies(): LaunchDependencies {
	return { store: ltiStore(), registry: platformRegistry(), keySet: remoteKeySet, now: Date.now };
}

/** What `toolOrigin` needs of SvelteKit's request event. */
export interface OriginEvent {
	url: URL;
	request: Request;
	platform?: unknown;
}

/**
 * The origin platforms reach the tool at, for the URLs it gives them (redirect URI, launch URL)
 * and its cookies' `Secure`: `ORIGIN` when set (production behind HTTPS, as README asks), else
 * as the classroom's links work it out (link-origin.ts: adapter-node without `ORIGIN` is plain
 * HTTP unless a proxy says otherwise).
 */
export function toolOrigin({ url, request, platform }: OriginEvent): string {
	return linkOrigin({
		url,
		headers: request.headers,
		viaAdapterNode: isAdapterNodePlatform(platform),
		env: { ORIGIN: env.ORIGIN, PROTOCOL_HEADER: env.PROTOCOL_HEADER }
	});
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface Refusal {
	status: number;
	what: string;
	platform?: { name: string };
}

/** Logs the refusal and answers with a page that says what failed and what to do. */
export function refusalPage(step: 'login' | 'launch' | 'landing' | 'deep linking', refusal: Refusal): Response {
	const from = refusal.platform ? ` from ${refusal.platform.name}` : '';
	console.warn(`LTI ${step}${from} refused (${refusal.status}): ${refusal.what}`);
	const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>LMS ${step} refused · Backchannel</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}code{overflow-wrap:anywhere}</style>
</head>
<body>
<h1>The LMS ${step} could not be completed</h1>
<p data-testid="lti-refusal"><strong>What failed:</strong> <code>${escapeHtml(refusal.what)}</code></p>
<p>Nothing was saved. Go back to your course and open the activity again; if this keeps happening, show this message to whoever set up Backchannel in your LMS.</p>
</body>
</html>`;
	return new Response(html, { status: refusal.status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/**
 * Whether the tool is served over HTTPS, for its cookies' `Secure` (and so `SameSite=None`). Not
 * from the Origin header: on the launch that is the LMS's.
 */
export function toolIsHttps(event: OriginEvent): boolean {
	return toolOrigin(event).startsWith('https:');
}

/** The landing page when the frame dropped the probe cookie: the same ticket, opened as its own window. */
export function newWindowPage(ticketPath: string): Response {
	const href = `${ticketPath}?window=new`;
	const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Open Backchannel · Backchannel</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}a.button{display:inline-block;padding:.6rem 1rem;border:2px solid currentColor;border-radius:.4rem;font-weight:600}</style>
</head>
<body>
<h1>Open Backchannel in a new window</h1>
<p>Your browser does not let Backchannel keep you signed in inside this page of your course (it blocks cookies from other sites in embedded pages).</p>
<p><a class="button" data-testid="new-window" href="${href}" target="_blank" rel="noopener">Open in a new window</a></p>
<p>The link works once, for the next few minutes. Later, open the activity from your course again.</p>
</body>
</html>`;
	return new Response(html, { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
