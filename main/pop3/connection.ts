import net from 'node:net';
import tls from 'node:tls';
import type { TlsInfo } from '../../app/domain/connection';
import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';
import { describeTls } from '../net/tls';
import type { TranscriptSession } from '../transcript';
import { pop3ProtocolError } from './errors';
import { Pop3Framer, defaultFramerLimits, type FramedResponse, type FramerLimits, type ResponseShape } from './framer';

export interface Pop3ConnectionOptions {
  host: string;
  port: number;
  implicitTls: boolean;
  tlsOptions: tls.ConnectionOptions;
  /** No byte from the server for this long fails the command in flight. */
  timeoutMs: number;
  transcript: TranscriptSession;
  limits?: Partial<FramerLimits>;
}

/** Short listings worth reading in the transcript; message data and long listings are logged by size. */
const SHOWN_IN_FULL = new Set(['CAPA']);

interface Waiter {
  command: string;
  resolve: (response: FramedResponse) => void;
  reject: (error: Error) => void;
}

/**
 * One POP3 TCP (or TLS) connection: writes commands, frames answers in order, upgrades with STLS,
 * and fails every waiting command with a typed error when the server hangs, hangs up or misbehaves.
 * Commands may be written before earlier answers arrive (pipelining); answers resolve in order.
 */
export class Pop3Connection {
  private socket!: net.Socket;
  private readonly framer: Pop3Framer;
  private readonly waiters: Waiter[] = [];
  private failure: Error | undefined;
  private readonly onData = (chunk: Buffer) => this.receive(chunk);
  private readonly onError = (error: Error) => this.fail(networkError(error, this.where) ?? error);
  private readonly onClose = () => this.fail(new PostboteError({ code: 'CONNECTION_CLOSED', message: `The POP3 server at ${this.where.host}:${this.where.port} closed the connection.`, protocol: 'pop3' }));
  private readonly onTimeout = () => {
    if (this.waiters.length === 0) return;
    const error = new PostboteError({ code: 'TIMEOUT', message: `The POP3 server at ${this.where.host}:${this.where.port} stopped answering for ${this.options.timeoutMs / 1000} seconds.`, protocol: 'pop3' });
    this.fail(error);
    this.socket.destroy();
  };

  private constructor(private readonly options: Pop3ConnectionOptions) {
    this.framer = new Pop3Framer((response) => this.deliver(response), { ...defaultFramerLimits, ...options.limits });
  }

  static open(options: Pop3ConnectionOptions): Promise<Pop3Connection> {
    const connection = new Pop3Connection(options);
    return connection.connect();
  }

  private get where() {
    return { protocol: 'pop3' as const, host: this.options.host, port: this.options.port };
  }

  get transcript(): TranscriptSession {
    return this.options.transcript;
  }

  get tls(): TlsInfo | undefined {
    return this.socket instanceof tls.TLSSocket ? describeTls(this.socket) : undefined;
  }

  private connect(): Promise<Pop3Connection> {
    const { host, port, implicitTls, tlsOptions, timeoutMs, transcript } = this.options;
    transcript.event(`connecting to ${host}:${port}${implicitTls ? ' (TLS)' : ''}`);
    return new Promise((resolve, reject) => {
      const socket = implicitTls ? tls.connect({ host, port, ...tlsOptions }) : net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PostboteError({ code: 'TIMEOUT', message: `No connection to ${host}:${port} within ${timeoutMs / 1000} seconds.`, protocol: 'pop3' }));
      }, timeoutMs);
      const failed = (error: Error) => {
        clearTimeout(timer);
        reject(networkError(error, this.where) ?? error);
      };
      socket.once('error', failed);
      socket.once(implicitTls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        socket.off('error', failed);
        this.attach(socket);
        transcript.event(`connected${this.tls ? ` (${this.tls.protocol} ${this.tls.cipher})` : ''}`);
        resolve(this);
      });
    });
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

  /** Waits for the greeting, which arrives without a command. */
  greeting(): Promise<FramedResponse> {
    return this.expect('greeting', 'single');
  }

  /** Writes one command line; the promise resolves with its answer, in pipeline order. */
  command(line: string, shape: ResponseShape, transcriptLine = line): Promise<FramedResponse> {
    if (this.failure) return Promise.reject(this.failure);
    const answer = this.expect(line.split(' ')[0]!.toUpperCase(), shape);
    this.options.transcript.client(transcriptLine);
    this.socket.write(`${line}\r\n`);
    return answer;
  }

  private expect(command: string, shape: ResponseShape): Promise<FramedResponse> {
    if (this.failure) return Promise.reject(this.failure);
    this.framer.expect(shape);
    return new Promise((resolve, reject) => this.waiters.push({ command, resolve, reject }));
  }

  /** RFC 2595: after `+OK` to STLS, TLS starts on the same socket, and nothing is buffered before it. */
  async upgradeToTls(): Promise<void> {
    if (!this.framer.idle || this.waiters.length > 0) throw pop3ProtocolError('The POP3 server sent data before TLS started; Postbote closed the connection to be safe.');
    const plain = this.detach();
    const { host, tlsOptions, timeoutMs } = this.options;
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ socket: plain, host, ...tlsOptions });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PostboteError({ code: 'TIMEOUT', message: 'The TLS handshake with the POP3 server did not finish in time.', protocol: 'pop3' }));
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
    this.options.transcript.event(`TLS started (${this.tls?.protocol} ${this.tls?.cipher})`);
  }

  /** Ends the connection without QUIT: the server then deletes nothing (RFC 1939, no UPDATE state). */
  close(reason = 'closed'): void {
    if (!this.failure) this.failure = new PostboteError({ code: 'CONNECTION_CLOSED', message: 'The POP3 connection was closed.', protocol: 'pop3' });
    this.detach().destroy();
    this.rejectAll(this.failure);
    this.options.transcript.close(reason);
  }

  private receive(chunk: Buffer): void {
    try {
      this.framer.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      this.socket.destroy();
    }
  }

  private deliver(response: FramedResponse): void {
    const waiter = this.waiters.shift();
    if (!waiter) return;
    const transcript = this.options.transcript;
    transcript.server(response.status);
    if (response.data && SHOWN_IN_FULL.has(waiter.command)) {
      for (const line of response.data.toString('latin1').split('\r\n').slice(0, -1)) transcript.server(line);
    } else if (response.data) {
      transcript.data('server', response.data.length, `${waiter.command} data, ${response.dataLines} lines`);
    }
    waiter.resolve(response);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.options.transcript.event(`failed: ${error.message}`);
    this.rejectAll(error);
  }

  private rejectAll(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
