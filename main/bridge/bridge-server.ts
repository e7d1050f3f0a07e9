import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeWire, encodeWire, type BridgeClientMessage, type BridgeServerMessage } from '../../app/wire';
import type { EventBus } from '../service/event-bus';
import type { Service } from '../service/service';
import { logger } from '../log';
import { serveStatic } from './static-files';

export interface BridgeOptions {
  service: Service;
  events: EventBus;
  /** Built renderer to serve; omit to serve nothing but the WebSocket (e.g. a Vite dev server serves the page). */
  rendererDir?: string;
  port?: number;
  /** Origins allowed besides the bridge's own (e.g. a Vite dev server). */
  extraOrigins?: string[];
  /** Fixed token (tests); otherwise a random one per launch. */
  token?: string;
}

export interface RunningBridge {
  url: string;
  /** The page URL with the token in its fragment: fragments never reach a server or its logs. */
  pageUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/** ws hands a binary message over as a Buffer, or as fragments when it came in several frames. */
function frameBytes(data: RawData): Uint8Array {
  const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function sameToken(expected: Buffer, given: string | null): boolean {
  if (!given) return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

/**
 * The app's API over a WebSocket on 127.0.0.1, so the renderer runs in a plain browser. Only our
 * own page may connect: the socket needs the per-launch token, an allowed Origin and a loopback Host
 * (which defeats DNS rebinding).
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const server = http.createServer((request, response) => {
    if (!options.rendererDir) {
      response.writeHead(404).end();
      return;
    }
    void serveStatic(options.rendererDir, request, response);
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const ownOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(options.extraOrigins ?? [])]);
  const ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const reject = (status: number, why: string) => {
      logger.warn(`bridge refused a connection: ${why}`);
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/bridge') return reject(404, 'Not Found');
    if (!ownHosts.has(request.headers.host ?? '')) return reject(403, 'Forbidden host');
    if (!ownOrigins.has(request.headers.origin ?? '')) return reject(403, 'Forbidden origin');
    if (!sameToken(tokenBytes, url.searchParams.get('token'))) return reject(401, 'Unauthorized');
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  const attach = (ws: WebSocket) => {
    const send = (message: BridgeServerMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeWire(message));
    };
    const unsubscribe = options.events.subscribe((name, payload) => send({ kind: 'event', name, payload }));
    ws.on('close', unsubscribe);
    ws.on('message', (data, isBinary) => {
      let message: BridgeClientMessage;
      try {
        message = decodeWire(isBinary ? frameBytes(data) : data.toString()) as BridgeClientMessage;
      } catch {
        return;
      }
      if (!message || message.kind !== 'request' || typeof message.id !== 'number') return;
      void options.service.handle(message.name, message.input).then((result) => send({ kind: 'response', id: message.id, result }));
    });
  };

  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    pageUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
