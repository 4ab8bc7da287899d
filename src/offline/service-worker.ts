/**
 * The service worker (served as /sw.js; src/offline/write-service-worker.ts strips the types and puts
 * the build's precache list in front). It keeps the course usable with the server gone: every lesson
 * page and every bundled asset, the in-browser simulator's worker among them, is cached at install.
 * Pages are fetched network first (a new deploy shows at once) and fall back to the cache; hashed
 * assets come from the cache first. Nothing else is touched: the sandbox WebSocket, the classroom's
 * API and its server-rendered pages always go to the network.
 */

/** Filled in at build time: the same-origin URLs to cache at install, and a hash of them. */
declare const PRECACHE_URLS: readonly string[];
declare const PRECACHE_VERSION: string;

/** The parts of ServiceWorkerGlobalScope used here (the project's TypeScript lib is the DOM's). */
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchLikeEvent) => void): void;
}

interface LifecycleEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}

interface FetchLikeEvent extends LifecycleEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

const scope = self as unknown as WorkerScope;
const CACHE = `vethlab-${PRECACHE_VERSION}`;
/** Search index files, cached as they are used (they are many and only some are needed). */
const RUNTIME_CACHE = 'vethlab-runtime';
const HASHED_ASSET = /^\/_astro\//;
const RUNTIME_CACHED = /^\/pagefind\//;

scope.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One by one, so one missing file does not throw away the rest (addAll is all or nothing).
      await Promise.all(PRECACHE_URLS.map((url) => cache.add(new Request(url, { cache: 'reload' })).catch(() => undefined)));
      await scope.skipWaiting();
    })(),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('vethlab-') && name !== CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      // Take over the page that registered us, so a server that dies later finds its assets cached.
      await scope.clients.claim();
    })(),
  );
});

scope.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (HASHED_ASSET.test(url.pathname)) event.respondWith(cacheFirst(request));
  else if (RUNTIME_CACHED.test(url.pathname)) event.respondWith(networkFirst(request, RUNTIME_CACHE));
  else if (PRECACHE_URLS.includes(url.pathname)) event.respondWith(networkFirst(request, CACHE));
});

async function cacheFirst(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/**
 * The network's answer, kept for later; the cached copy when the server cannot be reached or a proxy
 * in front of it answers with a server error.
 */
async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  let response: Response | undefined;
  try {
    response = await fetch(request);
  } catch {
    // Offline or the server is down: the cache answers below.
  }
  if (response?.ok) {
    const copy = response.clone();
    void caches.open(cacheName).then((cache) => cache.put(request, copy));
    return response;
  }
  if (response && response.status < 500) return response;
  const cached = await caches.match(request, { ignoreSearch: true });
  return cached ?? response ?? Response.error();
}

export {};
