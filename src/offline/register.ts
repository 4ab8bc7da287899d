/**
 * The page's side of offline support: register /sw.js once the page has loaded, so its precaching
 * never competes with the page's own first requests (the terminal, the first prompt).
 */

/** Register the service worker after `load`, when the browser is idle. Errors are only logged. */
export function registerOfflineSupport(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' }).catch((error: unknown) => {
      console.warn('vethlab: offline support unavailable:', error instanceof Error ? error.message : String(error));
    });
  };
  const whenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(register, { timeout: 5_000 }) : setTimeout(register, 1_000));
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}
