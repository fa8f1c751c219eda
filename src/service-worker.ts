/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// The offline app shell for the field (villages without signal): the app's files are kept as pages
// load them, pages and the data a campaign's record page reads are answered from the
// network first and from the cache when there is none, so a reload with no network opens the
// record page ready to record (visits wait in the account's outbox, visit-queue.ts).
//
// Personal data (households' addresses) is cached only for the record page's own requests,
// bounded to the last MAX_DATA_ENTRIES responses, and deleted when the account signs out
// (session-api.ts). Nothing outside our origin is ever fetched. Service workers need a secure
// context: HTTPS, or localhost; on a plain-http LAN address the app works as before, online.
import { build, files, version } from '$service-worker';

const worker = self as unknown as ServiceWorkerGlobalScope;
const APP_CACHE = `gpm-app-${version}`;
/** Pages (the app's HTML shell) and the record page's data: bounded, per device, cleared at sign-out. */
const DATA_CACHE = 'gpm-data';
const MAX_DATA_ENTRIES = 80;
const APP_FILES = new Set([...build, ...files]);

/** What the record page reads and a reload with no network must find again. */
function isOfflineData(url: URL): boolean {
	return (
		url.pathname.endsWith('/__data.json') ||
		/^\/api\/campaigns\/\d+(\/households)?$/.test(url.pathname) ||
		url.pathname === '/api/campaigns/knock-lists' ||
		url.pathname.startsWith('/basemap/')
	);
}

// Nothing is fetched ahead: downloading the whole build (5.6 MB) on install competed with the page
// on a slow PC. The app's files are kept as pages use them, so what an online visit loaded is
// there for a reload with no network.
worker.addEventListener('install', (event) => {
	event.waitUntil(worker.skipWaiting());
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key.startsWith('gpm-app-') && key !== APP_CACHE) await caches.delete(key);
			await worker.clients.claim();
		})()
	);
});

async function remember(request: Request, response: Response): Promise<void> {
	const cache = await caches.open(DATA_CACHE);
	await cache.put(request, response);
	const keys = await cache.keys();
	// oldest first: the cache keeps insertion order
	for (const stale of keys.slice(0, Math.max(0, keys.length - MAX_DATA_ENTRIES))) await cache.delete(stale);
}

/** The network's answer, kept for later; with no network, what was kept (a page: any page's shell). */
async function networkFirst(request: Request, isPage: boolean): Promise<Response> {
	try {
		const response = await fetch(request);
		if (response.ok) await remember(request, response.clone()).catch(() => undefined);
		return response;
	} catch (error) {
		const cache = await caches.open(DATA_CACHE);
		const kept = (await cache.match(request)) ?? (isPage ? await cache.match('/__shell') : undefined);
		if (kept) return kept;
		throw error;
	}
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || request.headers.has('range')) return;
	const url = new URL(request.url);
	if (url.origin !== worker.location.origin) return;

	if (APP_FILES.has(url.pathname)) {
		event.respondWith(
			(async () => {
				const cache = await caches.open(APP_CACHE);
				const kept = await cache.match(url.pathname);
				if (kept) return kept;
				const response = await fetch(request);
				// the file names carry their content's hash: a copy never goes stale
				if (response.ok) await cache.put(url.pathname, response.clone()).catch(() => undefined);
				return response;
			})()
		);
		return;
	}
	if (request.mode === 'navigate') {
		event.respondWith(
			(async () => {
				const response = await networkFirst(request, true);
				// the app renders in the browser: every page's HTML is the same shell
				if (response.ok && response.headers.get('content-type')?.includes('text/html'))
					await remember(new Request('/__shell'), response.clone()).catch(() => undefined);
				return response;
			})()
		);
		return;
	}
	if (isOfflineData(url)) event.respondWith(networkFirst(request, false));
});
