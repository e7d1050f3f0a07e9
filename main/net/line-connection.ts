import net from 'node:net';
import tls from 'node:tls';
import { PostboteError, type Protocol } from '../../app/errors';
import type { TranscriptSession } from '../transcript';
import { describeTls } from './tls';
import type { TlsInfo } from '../../app/domain/connection';
import { networkError } from './network-errors';

const MAX_LINE_BYTES = 64 * 1024;

export interface LineConnectionOptions {
  protocol: Protocol;
  host: string;
  port: number;
  implicitTls: boolean;
  tlsOptions: tls.ConnectionOptions;
  timeoutMs: number;
  transcript: TranscriptSession;
}

/**
 * A small line-oriented client connection (CRLF lines, STARTTLS upgrade, per-read timeout), for
 * probes that need only a few commands. Bulk protocol engines have their own framers.
 */
export class LineConnection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(
    socket: net.Socket,
    private readonly options: LineConnectionOptions,
  ) {
    this.socket = socket;
    this.attach(socket);
  }

  static open(options: LineConnectionOptions): Promise<LineConnection> {
    return new Promise((resolve, reject) => {
      const { host, port } = options;
      options.transcript.event(`connecting to ${host}:${port}${options.implicitTls ? ' (TLS)' : ''}`);
      const socket = options.implicitTls
        ? tls.connect({ host, port, ...options.tlsOptions })
        : net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PostboteError({ code: 'TIMEOUT', message: `No connection to ${host}:${port} within ${options.timeoutMs / 1000} seconds.`, protocol: options.protocol }));
      }, options.timeoutMs);
      const onError = (error: Error) => {
        clearTimeout(timer);
        reject(networkError(error, options) ?? error);
      };
      socket.once('error', onError);
      socket.once(options.implicitTls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', onError);
        const connection = new LineConnection(socket, options);
        options.transcript.event(`connected${connection.tls ? ` (${connection.tls.protocol} ${connection.tls.cipher})` : ''}`);
        resolve(connection);
      });
    });
  }

  get tls(): TlsInfo | undefined {
    return this.socket instanceof tls.TLSSocket ? describeTls(this.socket) : undefined;
  }

  send(line: string): void {
    this.options.transcript.client(line);
    this.socket.write(`${line}\r\n`);
  }

  readLine(): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new PostboteError({ code: 'TIMEOUT', message: `The server at ${this.options.host}:${this.options.port} stopped answering (no reply within ${this.options.timeoutMs / 1000} seconds).`, protocol: this.options.protocol }));
        this.close();
      }, this.options.timeoutMs);
      this.waiter = {
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Switches the connection to TLS in place (STARTTLS/STLS after the server said yes). */
  upgrade(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('error');
    return new Promise((resolve, reject) => {
      const secure = tls.connect({ socket: plain, ...this.options.tlsOptions });
      const onError = (error: Error) => reject(networkError(error, this.options) ?? error);
      secure.once('error', onError);
      secure.once('secureConnect', () => {
        secure.off('error', onError);
        this.socket = secure;
        this.attach(secure);
        const info = describeTls(secure);
        this.options.transcript.event(`TLS established (${info.protocol} ${info.cipher})`);
        resolve();
      });
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.fail(networkError(error, this.options) ?? error));
    socket.on('close', () =>
      this.fail(new PostboteError({ code: 'CONNECTION_CLOSED', message: `The server at ${this.options.host}:${this.options.port} closed the connection.`, protocol: this.options.protocol })),
    );
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf(10)) >= 0) {
      const line = this.buffer.subarray(0, newline).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(newline + 1);
      this.options.transcript.server(line);
      this.deliver(line);
    }
    if (this.buffer.length > MAX_LINE_BYTES) {
      this.fail(new PostboteError({ code: 'PROTOCOL_ERROR', message: `The server sent a line longer than ${MAX_LINE_BYTES} bytes.`, protocol: this.options.protocol }));
      this.close();
    }
  }

  private deliver(line: string): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.resolve(line);
    } else {
      this.lines.push(line);
    }
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.options.transcript.close(error.message);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }
}
