/**
 * Which prerendered paths belong to a module, for the service worker to cache when the learner
 * opens it. A module's pages are the prerendered paths under `/<slug>/`, plus `/<slug>` itself;
 * the teachers' answer keys (`/<slug>/<lesson>/key`) are left out, as no learner needs them offline.
 * Classroom pages are never prerendered, so they are never among these.
 */
const CLASSROOM = ['teach', 'join', 'class'];

function firstSegment(path: string): string | undefined {
	return path.split('/')[1] || undefined;
}

/** The module a prerendered path belongs to, if any: its first segment, when that names a module page. */
export function moduleOf(prerendered: readonly string[], path: string): string | undefined {
	const slug = firstSegment(path);
	if (!slug || CLASSROOM.includes(slug) || slug.includes('.')) return undefined;
	return prerendered.includes(`/${slug}`) ? slug : undefined;
}

function isAnswerKey(path: string): boolean {
	return /^\/[^/]+\/[^/]+\/key(\/__data\.json)?$/.test(path);
}

export function cacheableModulePages(prerendered: readonly string[], slug: string): string[] {
	return prerendered.filter((path) => (path === `/${slug}` || path.startsWith(`/${slug}/`)) && !isAnswerKey(path));
}

/** The page asks the service worker whether its last fetch failed; it answers `{ type: NETWORK_ANSWER, offline }`. */
export const NETWORK_QUESTION = 'backchannel:network?';
export const NETWORK_ANSWER = 'backchannel:network';
