// Registers the page's service worker (dist/sw.js, built from
// src/service-worker.js) so the page installs and opens offline. Only in a
// production build (the dev server has no sw.js) and only where supported;
// a failed registration leaves the page working online, as before.

export const SERVICE_WORKER_URL = '/sw.js';

export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: '/' }).catch((e: unknown) => {
    console.warn(`service worker not registered: ${e instanceof Error ? e.message : String(e)}`);
  });
}
