import type tls from 'node:tls';
import type { TlsInfo } from '../../app/domain/connection';
import { LineConnection, type Framing } from '../net/line-connection';
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

/** POP3's framing on the shared line connection: answers in pipeline order, multi-line data un-stuffed. */
class Pop3Responses implements Framing {
  readonly framer: Pop3Framer;
  private readonly waiters: Waiter[] = [];

  constructor(
    private readonly transcript: TranscriptSession,
    limits: Partial<FramerLimits> | undefined,
  ) {
    this.framer = new Pop3Framer((response) => this.deliver(response), { ...defaultFramerLimits, ...limits });
  }

  get awaiting(): boolean {
    return this.waiters.length > 0;
  }

  push(chunk: Buffer): void {
    this.framer.push(chunk);
  }

  expect(command: string, shape: ResponseShape): Promise<FramedResponse> {
    this.framer.expect(shape);
    return new Promise((resolve, reject) => this.waiters.push({ command, resolve, reject }));
  }

  fail(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }

  private deliver(response: FramedResponse): void {
    const waiter = this.waiters.shift();
    if (!waiter) return;
    const transcript = this.transcript;
    transcript.server(response.status);
    if (response.data && SHOWN_IN_FULL.has(waiter.command)) {
      for (const line of response.data.toString('latin1').split('\r\n').slice(0, -1)) transcript.server(line);
    } else if (response.data) {
      transcript.data('server', response.data.length, `${waiter.command} data, ${response.dataLines} lines`);
    }
    waiter.resolve(response);
  }
}

/**
 * One POP3 connection: net's LineConnection (connect, TLS, STLS upgrade, timeouts, typed errors)
 * with the POP3 framer reading its answers. Commands may be written before earlier answers arrive
 * (pipelining); answers resolve in order.
 */
export class Pop3Connection {
  private constructor(
    private readonly line: LineConnection,
    private readonly responses: Pop3Responses,
    readonly transcript: TranscriptSession,
  ) {}

  static async open(options: Pop3ConnectionOptions): Promise<Pop3Connection> {
    const responses = new Pop3Responses(options.transcript, options.limits);
    const line = await LineConnection.open({ protocol: 'pop3', ...options }, responses);
    return new Pop3Connection(line, responses, options.transcript);
  }

  get tls(): TlsInfo | undefined {
    return this.line.tls;
  }

  /** Waits for the greeting, which arrives without a command. */
  greeting(): Promise<FramedResponse> {
    return this.expect('greeting', 'single');
  }

  /** Writes one command line; the promise resolves with its answer, in pipeline order. */
  command(line: string, shape: ResponseShape, transcriptLine = line): Promise<FramedResponse> {
    if (this.line.failure) return Promise.reject(this.line.failure);
    const answer = this.expect(line.split(' ')[0]!.toUpperCase(), shape);
    this.line.send(line, transcriptLine);
    return answer;
  }

  private expect(command: string, shape: ResponseShape): Promise<FramedResponse> {
    if (this.line.failure) return Promise.reject(this.line.failure);
    return this.responses.expect(command, shape);
  }

  /** RFC 2595: after `+OK` to STLS, TLS starts on the same socket, and nothing is buffered before it. */
  async upgradeToTls(): Promise<void> {
    if (!this.responses.framer.idle || this.responses.awaiting) throw pop3ProtocolError('The POP3 server sent data before TLS started; Postbote closed the connection to be safe.');
    await this.line.upgrade();
  }

  /** Ends the connection without QUIT: the server then deletes nothing (RFC 1939, no UPDATE state). */
  close(reason = 'closed'): void {
    this.line.close(reason);
  }
}
