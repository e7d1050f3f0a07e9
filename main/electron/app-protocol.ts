import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../desktop/content-security-policy';
import { APP_SCHEME, appFileFor } from '../desktop/app-origin';

/** Must run before the app is ready: app:// is a standard, secure scheme (an origin, fetch, no mixed content). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on app://postbote/ (logic and its tests: main/desktop/app-origin.ts). */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const target = appFileFor(rendererDir, request.url);
    if (!target || request.method !== 'GET') return new Response('not found', { status: 404 });
    try {
      const body = await readFile(target.file);
      return new Response(body, {
        headers: { 'content-type': target.contentType, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
