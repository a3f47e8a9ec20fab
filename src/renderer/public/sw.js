/* Regiodesk service worker: keeps the app shell available offline. Plain JS, no build step.
 * - precaches the files listed in precache-manifest.json (written by vite.config.ts);
 * - navigations: network first, cached index.html when offline;
 * - hashed assets (assets/…): cache first;
 * - never touches anything outside the app's own path (/_session, /region-*, other origins). */
const BUILD = new URL(self.location.href).searchParams.get('build') || 'dev';
const PREFIX = 'regiodesk-shell-';
const CACHE = PREFIX + BUILD;
const SCOPE = new URL(self.registration.scope);
const INDEX = new URL('index.html', SCOPE).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      let files = ['index.html'];
      try {
        const res = await fetch(new URL('precache-manifest.json', SCOPE), { cache: 'no-store' });
        if (res.ok) files = (await res.json()).files || files;
      } catch (e) {
        /* offline during install: runtime caching still works */
      }
      await Promise.allSettled(
        files.map(async (f) => {
          const url = new URL(f, SCOPE).href;
          const res = await fetch(url, { cache: 'no-store' });
          if (res.ok) await cache.put(url, res);
        }),
      );
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const keys = await caches.keys();
      await Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k)));
      await self.clients.claim();
    })(),
  );
});

function inScope(url) {
  return url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname);
}

async function networkFirst(request, fallbackUrl) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok && res.type === 'basic') await cache.put(fallbackUrl || request, res.clone());
    return res;
  } catch (e) {
    const hit = (await cache.match(fallbackUrl || request)) || (await caches.match(request));
    if (hit) return hit;
    throw e;
  }
}

async function cacheFirst(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok && res.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, res.clone());
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (!inScope(url)) return; // API calls and other origins go straight to the network
  if (url.pathname.endsWith('/sw.js')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, INDEX));
  } else if (url.pathname.startsWith(SCOPE.pathname + 'assets/')) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request));
  }
});
