import { randomUUID } from 'node:crypto';
import { createRedactor } from './redactors';
import { RingBuffer } from './ring-buffer';
import { shorten } from './shorten';
import { scrubSecrets, secretVariants } from './secret-scrubber';
import type { Direction, LineRedactor, SessionInfo, TranscriptEntry, TranscriptProtocol } from './types';

/** Lines longer than this are shortened; message data never enters the buffer whole. */
const MAX_LINE_CHARS = 2000;

export interface OpenSessionOptions {
  protocol: TranscriptProtocol;
  host: string;
  port: number;
  accountId?: string;
  /** The login name and secret this session will use; scrubbed from every entry whatever the protocol state. */
  username?: string;
  secrets?: string[];
}

export type TranscriptListener = (entry: TranscriptEntry) => void;

/**
 * The one place every engine writes its protocol conversation to. Credentials are removed as a
 * line is recorded, so nothing downstream (viewer, export, logs) ever holds them.
 */
export class Transcript {
  private readonly buffer: RingBuffer<TranscriptEntry>;
  private readonly sessionInfos = new Map<string, SessionInfo>();
  private readonly listeners = new Set<TranscriptListener>();
  private seq = 0;

  constructor(private readonly capacity = 20_000) {
    this.buffer = new RingBuffer(capacity);
  }

  openSession(options: OpenSessionOptions): TranscriptSession {
    const info: SessionInfo = {
      id: randomUUID(),
      protocol: options.protocol,
      host: options.host,
      port: options.port,
      startedAt: Date.now(),
    };
    if (options.accountId !== undefined) info.accountId = options.accountId;
    this.sessionInfos.set(info.id, info);
    this.trimSessions();
    const variants = (options.secrets ?? []).flatMap((s) => secretVariants(options.username, s));
    return new TranscriptSession(this, info, createRedactor(options.protocol), variants);
  }

  entries(filter: { session?: string; accountId?: string; afterSeq?: number } = {}): TranscriptEntry[] {
    return this.buffer.filter(
      (e) =>
        (filter.session === undefined || e.session === filter.session) &&
        (filter.accountId === undefined || e.accountId === filter.accountId) &&
        (filter.afterSeq === undefined || e.seq > filter.afterSeq),
    );
  }

  sessions(): SessionInfo[] {
    return [...this.sessionInfos.values()];
  }

  subscribe(listener: TranscriptListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** @internal used by sessions */
  append(entry: Omit<TranscriptEntry, 'seq'>): void {
    const full: TranscriptEntry = { seq: ++this.seq, ...entry };
    this.buffer.push(full);
    for (const listener of this.listeners) listener(full);
  }

  /** @internal */
  ended(id: string): void {
    const info = this.sessionInfos.get(id);
    if (info && info.endedAt === undefined) info.endedAt = Date.now();
  }

  private trimSessions(): void {
    if (this.sessionInfos.size <= this.capacity / 10) return;
    const live = new Set(this.buffer.toArray().map((e) => e.session));
    for (const id of this.sessionInfos.keys()) if (!live.has(id)) this.sessionInfos.delete(id);
  }
}

export class TranscriptSession {
  constructor(
    private readonly transcript: Transcript,
    readonly info: SessionInfo,
    private readonly redactor: LineRedactor,
    private readonly secretVariants: readonly string[],
  ) {}

  get id(): string {
    return this.info.id;
  }

  client(line: string): void {
    this.line('client', line);
  }

  server(line: string): void {
    this.line('server', line);
  }

  line(direction: Direction, raw: string): void {
    const stripped = raw.replace(/\r?\n$/, '');
    const protocolSafe = direction === 'client' ? this.redactor.client(stripped) : this.redactor.server(stripped);
    const { text, scrubbed } = scrubSecrets(protocolSafe.text, this.secretVariants, direction);
    this.record({
      kind: 'line',
      direction,
      text: shorten(text, MAX_LINE_CHARS),
      ...(protocolSafe.redacted || scrubbed ? { redacted: true } : {}),
    });
  }

  /** Message bodies and literals: recorded by size only. */
  data(direction: Direction, bytes: number, what = 'message data'): void {
    this.record({ kind: 'data', direction, text: `[${what}: ${bytes} bytes]`, bytes });
  }

  /** Lines recorded as a count rather than one by one. */
  summary(direction: Direction, text: string): void {
    this.record({ kind: 'data', direction, text });
  }

  event(text: string): void {
    const { text: safe, scrubbed } = scrubSecrets(text, this.secretVariants, 'server');
    this.record({ kind: 'event', text: safe, ...(scrubbed ? { redacted: true } : {}) });
  }

  close(reason = 'closed'): void {
    if (this.info.endedAt !== undefined) return;
    this.event(reason);
    this.transcript.ended(this.id);
  }

  private record(entry: Pick<TranscriptEntry, 'kind' | 'text'> & Partial<TranscriptEntry>): void {
    const full: Omit<TranscriptEntry, 'seq'> = {
      session: this.info.id,
      protocol: this.info.protocol,
      time: Date.now(),
      ...entry,
    };
    if (this.info.accountId !== undefined) full.accountId = this.info.accountId;
    this.transcript.append(full);
  }
}
