import { api } from '../api';

/**
 * Calls `retry` when the browser is online again, the window becomes visible, or the desktop app
 * says the computer woke from sleep: a window left open stays "visible" through a sleep, so only
 * main's power event tells the accounts that their connections are probably gone.
 */
export function onBackOnline(retry: () => void): void {
  window.addEventListener('online', retry);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retry();
  });
  api.on('desktop.resumed', () => retry());
}
