import path from 'node:path';

/**
 * Where the desktop window's page comes from, and how main tells its own page from anything else.
 * Packaged, the renderer is served from a custom privileged scheme, `app://postbote/`, by main's
 * protocol handler (main/electron/app-protocol.ts): unlike file://, no other file on the disk is
 * "our page", and the page gets a real origin. In development it is electron-vite's dev server.
 * Both are matched exactly: origin and path, never by prefix (`http://localhost:5173.evil.test`
 * and `http://localhost:51730` are not ours).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'postbote';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE = `${APP_ORIGIN}/index.html`;

export type RendererLocation = { kind: 'dev-server'; url: string } | { kind: 'app'; url: string };

export function rendererLocationFor(env: { ELECTRON_RENDERER_URL?: string; POSTBOTE_PACKAGED?: string }): RendererLocation {
  if (env.ELECTRON_RENDERER_URL && !env.POSTBOTE_PACKAGED) return { kind: 'dev-server', url: env.ELECTRON_RENDERER_URL };
  return { kind: 'app', url: APP_PAGE };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The page's own URL, exactly: same scheme, host, port and path (a fragment may differ: the app routes by it). */
export function isOwnPageUrl(url: string, location: RendererLocation): boolean {
  const candidate = parse(url);
  const own = parse(location.url);
  if (!candidate || !own || candidate.username || candidate.password) return false;
  const ownPaths = own.pathname === '/' ? ['/', '/index.html'] : [own.pathname];
  return candidate.protocol === own.protocol && candidate.host === own.host && ownPaths.includes(candidate.pathname) && candidate.search === own.search;
}

/** The built renderer's file types, for the app:// handler here and the bridge's static server alike. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.eml': 'message/rfc822',
};

export const contentTypeOf = (file: string) => CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';

/** The built renderer's file an `app://postbote/…` request names, or undefined (foreign host, outside the folder, malformed). */
export function appFileFor(rendererDir: string, requestUrl: string): { file: string; contentType: string } | undefined {
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return undefined;
  }
  if (relative.includes('\0')) return undefined;
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  if (!file.startsWith(root + path.sep)) return undefined;
  return { file, contentType: contentTypeOf(file) };
}
