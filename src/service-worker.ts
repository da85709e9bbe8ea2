/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline reading (issue 17, item 12). The app's built code and static files are cached when the
 * worker installs; the first time a learner opens a module, every prerendered page of that module
 * (lessons, map, timeline, people, sources, review, and the data their client-side navigation
 * reads) is cached too, so the module keeps working without a connection. Pages are served from the
 * network while there is one (a rebuilt lesson shows at once) and from the cache when there is not.
 * Classroom pages (/teach, /join, /class) and anything else the server renders per request are
 * never cached: they hold a class's live data. Saved progress lives in the page's own storage, as
 * before; the worker does not touch it.
 */
import { build, files, prerendered, version } from '$service-worker';
import { cacheableModulePages, moduleOf, NETWORK_ANSWER, NETWORK_QUESTION } from '$lib/offline/module-pages';

const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `backchannel-${version}`;
/** Built with content hashes in their names: the cached copy is always the right one. */
const IMMUTABLE = new Set([...build, ...files]);
const PAGES = new Set(prerendered);

worker.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...IMMUTABLE])));
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			// Take over the page that installed the worker: its next navigation may already be offline.
			await worker.clients.claim();
		})()
	);
});

/** Modules whose pages were cached in this worker's lifetime (the cache itself is the lasting record). */
const cachedModules = new Set<string>();

async function cacheModule(slug: string): Promise<void> {
	if (cachedModules.has(slug)) return;
	cachedModules.add(slug);
	const cache = await caches.open(CACHE);
	// One page failing (the connection dropped) must not lose the others: cache each on its own.
	await Promise.all(
		cacheableModulePages(prerendered, slug).map(async (path) => {
			if (await cache.match(path)) return;
			try {
				const response = await fetch(path);
				if (response.ok) await cache.put(path, response);
			} catch {
				cachedModules.delete(slug);
			}
		})
	);
}

/**
 * Whether the last page asked of the network could not be fetched. Pages ask (see OfflineNotice):
 * `navigator.onLine` stays true on a network that is up but goes nowhere, and a page served from
 * this cache cannot otherwise tell.
 */
let networkFailed = false;

worker.addEventListener('message', (event) => {
	if (event.data === NETWORK_QUESTION) event.source?.postMessage({ type: NETWORK_ANSWER, offline: networkFailed });
});

async function networkFirst(request: Request, path: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(request);
		networkFailed = false;
		if (response.ok) await cache.put(path, response.clone());
		return response;
	} catch (error) {
		networkFailed = true;
		const cached = await cache.match(path);
		if (cached) return cached;
		throw error;
	}
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== location.origin) return;
	const path = url.pathname;
	if (IMMUTABLE.has(path)) {
		event.respondWith(caches.match(path).then((cached) => cached ?? fetch(request)));
		return;
	}
	if (!PAGES.has(path)) return;
	const slug = moduleOf(prerendered, path);
	if (slug) event.waitUntil(cacheModule(slug));
	event.respondWith(networkFirst(request, path));
});
