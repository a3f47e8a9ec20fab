/**
 * Registers public/sw.js so that a reload while offline still opens the app. Only for the web
 * build served over http(s): Electron loads the app from its own app:// protocol, and the dev
 * server must never be cached.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD) return;
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (!/^https?:$/.test(location.protocol) || window.regiodesk) return;
  const register = () => {
    // The build id in the URL makes every new build install a new worker (and a fresh precache).
    navigator.serviceWorker
      .register(`./sw.js?build=${encodeURIComponent(__REGIODESK_BUILD_ID__)}`, { scope: './' })
      .catch((e: unknown) => console.warn('service worker not registered', e));
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
