import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { LookupFunction } from 'node:net';

export interface HttpGetOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Extra CA certificates (PEM) besides the system's. */
  ca?: string[];
  lookup?: LookupFunction;
  signal?: AbortSignal;
  maxRedirects?: number;
}

/**
 * GET a small text document: bounded in time and size, redirects followed (at most 3, never from
 * HTTPS down to HTTP). Resolves undefined for anything but a 200 with a body; never throws.
 */
export function httpGet(url: string, options: HttpGetOptions): Promise<string | undefined> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(undefined);
    }
    const secure = target.protocol === 'https:';
    if (!secure && target.protocol !== 'http:') return resolve(undefined);
    const get = secure ? https.get : http.get;
    let responded = false;
    const request = get(
      target,
      {
        timeout: options.timeoutMs,
        headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1', 'user-agent': 'Postbote' },
        ...(secure && options.ca?.length ? { ca: [...tls.rootCertificates, ...options.ca] } : {}),
        ...(options.lookup ? { lookup: options.lookup } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        agent: false,
      },
      (response) => {
        responded = true;
        const status = response.statusCode ?? 0;
        const location = response.headers.location;
        if (status >= 300 && status < 400 && location && (options.maxRedirects ?? 3) > 0) {
          response.resume();
          const next = new URL(location, target);
          if (secure && next.protocol !== 'https:') return resolve(undefined);
          return resolve(httpGet(next.toString(), { ...options, maxRedirects: (options.maxRedirects ?? 3) - 1 }));
        }
        if (status !== 200) {
          response.resume();
          return resolve(undefined);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            request.destroy();
            resolve(undefined);
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        response.on('error', () => resolve(undefined));
        // Cut off before its end: no document (after 'end' this is a no-op).
        response.on('close', () => resolve(undefined));
      },
    );
    const timer = setTimeout(() => request.destroy(), options.timeoutMs * 2);
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
    request.on('close', () => {
      clearTimeout(timer);
      // Without a response nothing else will settle the promise; with one, its own events do.
      if (!responded) resolve(undefined);
    });
  });
}
