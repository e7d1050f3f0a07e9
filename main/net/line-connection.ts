import net from 'node:net';
import tls from 'node:tls';
import type { TlsInfo } from '../../app/domain/connection';
import { PostboteError, type Protocol } from '../../app/errors';
import type { TranscriptSession } from '../transcript';
import { networkError } from './network-errors';
import { describeTls } from './tls';

const MAX_LINE_BYTES = 64 * 1024;

export interface LineConnectionOptions {
  protocol: Protocol;
  host: string;
  port: number;
  implicitTls: boolean;
  tlsOptions: tls.ConnectionOptions;
  /** The limit for connecting, for a TLS handshake, and for silence while an answer is awaited. */
  timeoutMs: number;
  /** Where the conversation is recorded; none for a connection that sends nothing secret and logs nothing (certificate peek). */
  transcript?: TranscriptSession;
}

/**
 * What turns the server's bytes into answers: CRLF lines by default (LineReader), a protocol's own
 * framer where answers span lines (POP3's multi-line responses).
 */
export interface Framing {
  /** Bytes as they arrive, in any chunking. Throwing fails the connection with that error and ends it. */
  push(chunk: Buffer): void;
  /** True while an answer is awaited: silence then is a timeout, silence otherwise is idle. */
  readonly awaiting: boolean;
  /** The connection failed or was closed: reject everything that waits. */
  fail(error: Error): void;
}

/** Connects (TCP, or implicit TLS) within the timeout; errors come out as typed network errors. */
export function connectSocket(options: Pick<LineConnectionOptions, 'protocol' | 'host' | 'port' | 'implicitTls' | 'tlsOptions' | 'timeoutMs'>): Promise<net.Socket> {
  const { protocol, host, port, implicitTls, timeoutMs } = options;
  return new Promise((resolve, reject) => {
    const socket = implicitTls ? tls.connect({ host, port, ...options.tlsOptions }) : net.connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PostboteError({ code: 'TIMEOUT', message: `No connection to ${host}:${port} within ${timeoutMs / 1000} seconds.`, protocol }));
    }, timeoutMs);
    const failed = (error: Error) => {
      clearTimeout(timer);
      reject(networkError(error, { protocol, host, port }) ?? error);
    };
    socket.once('error', failed);
    socket.once(implicitTls ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.off('error', failed);
      resolve(socket);
    });
  });
}

/**
 * The one client connection of main/ that speaks a line protocol over its own socket: connects with
 * a timeout, with implicit TLS or upgraded in place (STARTTLS/STLS) with a handshake timeout, writes
 * lines into the transcript as it sends them, and fails whatever waits with a typed error when the
 * server stays silent, hangs up or misbehaves. Answers are read by its Framing: CRLF lines
 * (`readLine`) unless a protocol brings its own framer.
 */
export class LineConnection {
  private socket!: net.Socket;
  private failed: Error | undefined;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onError = (error: Error) => this.fail(networkError(error, this.where) ?? error);
  private readonly onClose = () => this.fail(new PostboteError({ code: 'CONNECTION_CLOSED', message: `${this.serverName} at ${this.options.host}:${this.options.port} closed the connection.`, protocol: this.options.protocol }));
  private readonly onTimeout = () => {
    if (!this.framing.awaiting) return;
    this.fail(new PostboteError({ code: 'TIMEOUT', message: `${this.serverName} at ${this.options.host}:${this.options.port} stopped answering for ${this.options.timeoutMs / 1000} seconds.`, protocol: this.options.protocol }));
    this.socket.destroy();
  };

  private constructor(
    private readonly options: LineConnectionOptions,
    private readonly framing: Framing,
  ) {}

  /** Connects; answers are read as CRLF lines with readLine(), or by the given framing. */
  static async open(options: LineConnectionOptions, framing: Framing = new LineReader(options)): Promise<LineConnection> {
    const { host, port, implicitTls, transcript } = options;
    transcript?.event(`connecting to ${host}:${port}${implicitTls ? ' (TLS)' : ''}`);
    const connection = new LineConnection(options, framing);
    connection.attach(await connectSocket(options));
    const info = connection.tls;
    transcript?.event(`connected${info ? ` (${info.protocol} ${info.cipher})` : ''}`);
    return connection;
  }

  private get where() {
    return { protocol: this.options.protocol, host: this.options.host, port: this.options.port };
  }

  private get serverName(): string {
    return `The ${this.options.protocol.toUpperCase()} server`;
  }

  get transcript(): TranscriptSession | undefined {
    return this.options.transcript;
  }

  /** Why the connection no longer works (failed or closed), or undefined while it does. */
  get failure(): Error | undefined {
    return this.failed;
  }

  get tls(): TlsInfo | undefined {
    return this.socket instanceof tls.TLSSocket ? describeTls(this.socket) : undefined;
  }

  /** Writes one line; the transcript records `transcriptLine` (a redacted form) when given. */
  send(line: string, transcriptLine = line): void {
    this.options.transcript?.client(transcriptLine);
    this.socket.write(`${line}\r\n`);
  }

  /** The next CRLF line from the server (connections opened without a framing of their own). */
  readLine(): Promise<string> {
    if (!(this.framing instanceof LineReader)) return Promise.reject(new Error('This connection reads with its own framing.'));
    return this.framing.next(this.failed);
  }

  /** Switches to TLS on the same socket (after the server agreed to STARTTLS/STLS), within the timeout. */
  async upgrade(): Promise<void> {
    const plain = this.detach();
    const { host, tlsOptions, timeoutMs, protocol } = this.options;
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ socket: plain, host, ...tlsOptions });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PostboteError({ code: 'TIMEOUT', message: `The TLS handshake with the ${protocol.toUpperCase()} server did not finish in time.`, protocol }));
      }, timeoutMs);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(networkError(error, this.where) ?? error);
      });
    });
    this.attach(secure);
    this.options.transcript?.event(`TLS started (${this.tls?.protocol} ${this.tls?.cipher})`);
  }

  /** Ends the connection; whatever waits is rejected. With a reason, the transcript session ends too. */
  close(reason?: string): void {
    if (!this.failed) this.failed = new PostboteError({ code: 'CONNECTION_CLOSED', message: `The ${this.options.protocol.toUpperCase()} connection was closed.`, protocol: this.options.protocol });
    this.detach().destroy();
    this.framing.fail(this.failed);
    if (reason !== undefined) this.options.transcript?.close(reason);
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.setTimeout(this.options.timeoutMs);
    socket.on('data', this.onData);
    socket.on('error', this.onError);
    socket.on('close', this.onClose);
    socket.on('timeout', this.onTimeout);
  }

  private detach(): net.Socket {
    const socket = this.socket;
    socket.off('data', this.onData);
    socket.off('error', this.onError);
    socket.off('close', this.onClose);
    socket.off('timeout', this.onTimeout);
    return socket;
  }

  private receive(chunk: Buffer): void {
    try {
      this.framing.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      this.socket.destroy();
    }
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    this.options.transcript?.event(`failed: ${error.message}`);
    this.framing.fail(error);
  }
}

/** The default framing: CRLF lines, each recorded in the transcript as it arrives. */
export class LineReader implements Framing {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;

  constructor(private readonly options: Pick<LineConnectionOptions, 'protocol' | 'transcript'>) {}

  get awaiting(): boolean {
    return this.waiter !== undefined;
  }

  next(failure: Error | undefined): Promise<string> {
    const ready = this.lines.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    let newline: number;
    while ((newline = this.buffer.indexOf(10)) >= 0) {
      const line = this.buffer.subarray(0, newline).toString('utf8').replace(/\r$/, '');
      this.buffer = this.buffer.subarray(newline + 1);
      this.options.transcript?.server(line);
      this.deliver(line);
    }
    if (this.buffer.length > MAX_LINE_BYTES) {
      throw new PostboteError({ code: 'PROTOCOL_ERROR', message: `The server sent a line longer than ${MAX_LINE_BYTES} bytes.`, protocol: this.options.protocol });
    }
  }

  fail(error: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
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
}
