import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../desktop/app-origin';
import { CONTENT_SECURITY_POLICY } from '../desktop/content-security-policy';


function decodePath(pathname: string): string | undefined {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** Serves the built renderer read-only; anything outside its folder is a 404, a malformed path a 400. */
export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
  const relative = decodePath(url.pathname === '/' ? '/index.html' : url.pathname);
  if (relative === undefined) {
    response.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad request');
    return;
  }
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(path.resolve(root) + path.sep) || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404).end();
    return;
  }
  try {
    const body = await fs.readFile(file);
    response.writeHead(200, {
      'Content-Type': contentTypeOf(file),
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  }
}
