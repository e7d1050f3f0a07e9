import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PostboteError } from '../../app/errors';

export interface LoopbackRedirect {
  /** http://127.0.0.1:<random port>/oauth/callback — RFC 8252 7.3. */
  redirectUri: string;
  /** Resolves with the code of the redirect that carries our state; rejects on an error redirect or timeout. */
  code: Promise<string>;
  close(): void;
}

const PATH = '/oauth/callback';

function page(title: string, text: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body></html>`;
}

/**
 * Listens on 127.0.0.1 at a port the system picks, for the one redirect of an authorization
 * request. The state is checked (RFC 6749 10.12): a request with another state is answered 400 and
 * does not end the wait, so a stray or forged request cannot cancel the user's sign-in.
 */
export async function startLoopbackRedirect(state: string, timeoutMs: number): Promise<LoopbackRedirect> {
  let settle: { resolve: (code: string) => void; reject: (error: Error) => void } | undefined;
  const code = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  code.catch(() => undefined);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' });
      response.end(body);
    };
    if (request.method !== 'GET' || url.pathname !== PATH || url.searchParams.get('state') !== state) {
      return send(400, page('Not for Postbote', 'This address only receives the answer of a sign-in that Postbote started.'));
    }
    const error = url.searchParams.get('error');
    const received = url.searchParams.get('code');
    if (error || !received) {
      send(200, page('Sign-in did not finish', 'You can close this window and return to Postbote.'));
      const description = url.searchParams.get('error_description');
      settle?.reject(
        new PostboteError({
          code: 'AUTH_FAILED',
          message: error === 'access_denied' ? 'The sign-in was cancelled or Postbote was not allowed access.' : 'The provider did not complete the sign-in.',
          serverText: [error ?? 'no code', description].filter(Boolean).join(': '),
        }),
      );
    } else {
      send(200, page('Signed in', 'Postbote has what it needs. You can close this window and return to Postbote.'));
      settle?.resolve(received);
    }
    finish();
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const timer = setTimeout(() => {
    settle?.reject(new PostboteError({ code: 'TIMEOUT', message: `The sign-in did not come back within ${Math.round(timeoutMs / 60_000) || 1} minutes.` }));
    finish();
  }, timeoutMs);
  function finish() {
    clearTimeout(timer);
    server.close();
    server.closeIdleConnections();
  }
  return {
    redirectUri: `http://127.0.0.1:${port}${PATH}`,
    code,
    close() {
      settle?.reject(new PostboteError({ code: 'AUTH_FAILED', message: 'The sign-in was cancelled.' }));
      finish();
    },
  };
}
