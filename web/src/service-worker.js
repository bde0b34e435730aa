// The page's service worker (a template: scripts/service-worker.mjs fills in
// SHELL and VERSION after `vite build` and writes dist/sw.js).
//
// Shell (the page, its hashed assets, the manifest, the icons): precached in
// "ebill-shell-VERSION", VERSION being a hash of every shell file's content, so
// a new build installs a new cache and the old one is deleted on activation.
// Navigations go to the network first so an upgraded server's page shows at
// once; the cached page only answers when the network fails (or a proxy says
// 502–504 without JSON).
// API answers (GET of the paths in DATA): network first; each good answer is
// kept in "ebill-data" with the time it was stored; when the network fails (or
// a proxy answers 502–504 without JSON), the kept answer is returned with the
// header X-Ebill-Cached-At: <ms since epoch>, which the page shows as stale.
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `ebill-shell-${VERSION}`;
const DATA_CACHE = 'ebill-data';
const PAGE = ['/', '/index.html']; // navigations the cached page may answer (not /export and the like)
const DATA = ['/devices', '/data', '/kpi', '/period_kpi', '/recharge_history'];
const DATA_KEEP = 200; // answers kept (oldest dropped first)

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL.map((u) => new Request(u, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('ebill-shell-') && name !== SHELL_CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  if (req.mode === 'navigate' && PAGE.includes(url.pathname)) event.respondWith(navigate(req));
  else if (DATA.includes(url.pathname)) event.respondWith(answer(req));
  else if (SHELL.includes(url.pathname)) event.respondWith(shellFile(req));
});

// No timeout on purpose: while the server answers, its page is the one shown.
async function navigate(req) {
  const page = () => caches.match('/index.html', { cacheName: SHELL_CACHE });
  let res;
  try {
    res = await fetch(req);
  } catch (e) {
    return (await page()) ?? Promise.reject(e);
  }
  return proxyFailure(res) ? (await page()) ?? res : res;
}

async function shellFile(req) {
  const cached = await caches.match(req, { cacheName: SHELL_CACHE });
  return cached ?? fetch(req);
}

function proxyFailure(res) {
  return res.status >= 502 && res.status <= 504 && !(res.headers.get('content-type') ?? '').includes('json');
}

async function answer(req) {
  const cache = await caches.open(DATA_CACHE);
  let res;
  try {
    res = await fetch(req);
  } catch (e) {
    return (await kept(cache, req)) ?? Promise.reject(e);
  }
  if (res.ok) {
    const body = await res.clone().arrayBuffer();
    const headers = new Headers(res.headers);
    headers.delete('Content-Encoding'); // the body kept is the decoded one
    headers.delete('Content-Length');
    headers.set('X-Ebill-Cached-At', String(Date.now()));
    await cache.put(req, new Response(body, { status: res.status, statusText: res.statusText, headers }));
    await trim(cache);
    return res;
  }
  if (proxyFailure(res)) return (await kept(cache, req)) ?? res;
  return res;
}

async function kept(cache, req) {
  return (await cache.match(req, { ignoreVary: true })) ?? null;
}

async function trim(cache) {
  const keys = await cache.keys();
  for (const k of keys.slice(0, Math.max(0, keys.length - DATA_KEEP))) await cache.delete(k);
}
