import { randomBytes, timingSafeEqual } from 'node:crypto';
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { decodeWire, encodeWire, type BridgeServerMessage } from '../../app/wire';
import { answerRequest, refusal } from '../service/answer-request';
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
 * The request target of a plain HTTP or upgrade request as a URL on the bridge itself, or undefined
 * when it is not an absolute path (`//`, `http://[`, `*`, a backslash path that names another host).
 * Never throws: a malformed request must be answered, not crash the service.
 */
export function requestTarget(raw: string | undefined): URL | undefined {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return undefined;
  try {
    const url = new URL(raw, 'http://127.0.0.1');
    return url.host === '127.0.0.1' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Answers on a raw socket (upgrade requests, parser errors) and closes it; never throws. */
function answerRaw(socket: Duplex, status: number, why: string): void {
  try {
    if (socket.writable) socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  } catch {
    socket.destroy();
  }
}

function answerHttp(response: ServerResponse, status: number): void {
  try {
    if (response.headersSent) response.destroy();
    else response.writeHead(status, { 'Content-Type': 'text/plain', Connection: 'close' }).end(`${status}`);
  } catch {
    response.destroy();
  }
}

/** A typed error answer for a frame that could not be read as a request; id -1 when it had none. */

/**
 * The app's API over a WebSocket on 127.0.0.1, so the renderer runs in a plain browser. Only our
 * own page may connect: the socket needs the per-launch token, an allowed Origin and a loopback Host
 * (which defeats DNS rebinding); plain HTTP needs the loopback Host too.
 *
 * No request may kill the service: every handler catches, a malformed request line or target is
 * answered 400, a frame that is not a request is answered with a typed error, and a request whose
 * handler throws anyway is answered INTERNAL.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const tokenBytes = Buffer.from(token);
  let ownHosts = new Set<string>();
  const server = http.createServer((request, response) => {
    try {
      if (!ownHosts.has(request.headers.host ?? '')) return answerHttp(response, 403);
      const target = requestTarget(request.url);
      if (!target) return answerHttp(response, 400);
      if (!options.rendererDir) return answerHttp(response, 404);
      serveStatic(options.rendererDir, request, response, target).catch((error: unknown) => {
        logger.error('bridge could not serve a file', error);
        answerHttp(response, 500);
      });
    } catch (error) {
      logger.error('bridge request failed', error);
      answerHttp(response, 400);
    }
  });
  // A request line or header Node cannot parse (e.g. a space or control character in the target).
  server.on('clientError', (_error, socket) => answerRaw(socket, 400, 'Bad Request'));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const ownOrigins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(options.extraOrigins ?? [])]);
  ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  server.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    const reject = (status: number, why: string) => {
      logger.warn(`bridge refused a connection: ${why}`);
      answerRaw(socket, status, why);
    };
    try {
      const url = requestTarget(request.url);
      if (!url) return reject(400, 'Bad Request');
      if (url.pathname !== '/bridge') return reject(404, 'Not Found');
      if (!ownHosts.has(request.headers.host ?? '')) return reject(403, 'Forbidden host');
      if (!ownOrigins.has(request.headers.origin ?? '')) return reject(403, 'Forbidden origin');
      if (!sameToken(tokenBytes, url.searchParams.get('token'))) return reject(401, 'Unauthorized');
      // A window's worker asks for answers only: the events are the window's.
      const withEvents = url.searchParams.get('events') !== 'none';
      sockets.handleUpgrade(request, socket, head, (ws) => attach(ws, withEvents));
    } catch (error) {
      logger.error('bridge upgrade failed', error);
      reject(400, 'Bad Request');
    }
  });

  const attach = (ws: WebSocket, withEvents: boolean) => {
    const send = (message: BridgeServerMessage) => {
      try {
        if (ws.readyState === ws.OPEN) ws.send(encodeWire(message));
      } catch (error) {
        logger.error('bridge could not send an answer', error);
      }
    };
    if (withEvents) ws.on('close', options.events.subscribe((name, payload) => send({ kind: 'event', name, payload })));
    // A frame over maxPayload or a protocol violation: ws closes the socket (1009/1002); never throw.
    ws.on('error', (error) => logger.warn(`bridge socket closed on a bad frame: ${error.message}`));
    ws.on('message', (data, isBinary) => {
      let message: unknown;
      try {
        message = decodeWire(isBinary ? frameBytes(data) : data.toString());
      } catch {
        return send(refusal(undefined, 'The bridge could not read this message.'));
      }
      const answer = answerRequest(options.service, message);
      if (answer instanceof Promise) void answer.then(send);
      else send(answer);
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
