/** Calls `retry` when the browser is online again or the window becomes visible (after a sleep, say). */
export function onBackOnline(retry: () => void): void {
  window.addEventListener('online', retry);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retry();
  });
}
