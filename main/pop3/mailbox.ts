import { PostboteError } from '../../app/errors';
import { capa } from './commands/capa';
import { list, uidl } from './commands/mailbox';
import { retr, top } from './commands/retrieve';
import { dele, quit } from './commands/session-end';
import { openPop3Session, type Pop3LoginOptions, type Pop3Session } from './client';
import { headerHashId } from './header-hash';

export interface MailboxEntry {
  number: number;
  uidl: string;
  size: number;
}

export interface RetrievedMessage extends MailboxEntry {
  raw: Buffer;
  /** Only the header block came down (the message is over the size limit). */
  partial: boolean;
}

/** How many commands go out before their answers are read, where the server allows pipelining. */
const PIPELINE_DEPTH = 64;

/**
 * A logged-in POP3 mailbox in the TRANSACTION state: its listing by unique id, retrieval (pipelined
 * where offered), and deletion marks that take effect only at a successful QUIT.
 */
export class Pop3Mailbox {
  readonly entries: MailboxEntry[];
  /** True when the server has no UIDL and ids are header hashes. */
  readonly uidlFallback: boolean;
  private readonly byUidl: Map<string, MailboxEntry>;
  private ended = false;

  private constructor(
    readonly session: Pop3Session,
    entries: MailboxEntry[],
    uidlFallback: boolean,
  ) {
    this.entries = entries;
    this.uidlFallback = uidlFallback;
    this.byUidl = new Map(entries.map((entry) => [entry.uidl, entry]));
  }

  static async open(options: Pop3LoginOptions): Promise<Pop3Mailbox> {
    const session = await openPop3Session(options);
    try {
      const { connection } = session;
      const [sizes, ids] = session.capabilities.pipelining
        ? await Promise.all([list(connection), uidl(connection)])
        : [await list(connection), await uidl(connection)];
      const fallback = ids === undefined;
      const uidls = ids ?? (await Pop3Mailbox.headerHashes(session, [...sizes.keys()]));
      const seen = new Set<string>();
      const entries: MailboxEntry[] = [];
      for (const [number, size] of sizes) {
        const id = uidls.get(number);
        // A duplicate id would make two messages one in the ledger; keep the first, like mpop.
        if (id === undefined || seen.has(id)) continue;
        seen.add(id);
        entries.push({ number, uidl: id, size });
      }
      return new Pop3Mailbox(session, entries, fallback);
    } catch (error) {
      session.connection.close('closed after an error');
      throw error;
    }
  }

  private static async headerHashes(session: Pop3Session, numbers: number[]): Promise<Map<number, string>> {
    const ids = new Map<number, string>();
    const headers = await pipeline(session, numbers, (n) => top(session.connection, n, 0));
    numbers.forEach((n, i) => ids.set(n, headerHashId(headers[i]!)));
    return ids;
  }

  get capabilities() {
    return this.session.capabilities;
  }

  entry(uidl: string): MailboxEntry | undefined {
    return this.byUidl.get(uidl);
  }

  /**
   * Downloads the messages with these ids, in the given order. Messages larger than
   * `headersOnlyAbove` bytes come down as headers only (TOP n 0).
   */
  async retrieve(uidls: readonly string[], headersOnlyAbove?: number): Promise<RetrievedMessage[]> {
    const wanted = uidls.map((id) => {
      const entry = this.byUidl.get(id);
      if (!entry) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is no longer on the POP3 server.', protocol: 'pop3', details: { uidl: id } });
      return entry;
    });
    const partial = (entry: MailboxEntry) => headersOnlyAbove !== undefined && entry.size > headersOnlyAbove;
    const raws = await pipeline(this.session, wanted, (entry) =>
      partial(entry) ? top(this.session.connection, entry.number, 0) : retr(this.session.connection, entry.number),
    );
    return wanted.map((entry, i) => ({ ...entry, raw: raws[i]!, partial: partial(entry) }));
  }

  /**
   * Marks these messages for deletion and ends the session with QUIT, which is when the server
   * deletes them. Returns the ids deleted; unknown ids are ignored. Without a successful QUIT,
   * nothing is deleted (RFC 1939) and this throws.
   */
  async deleteAndQuit(uidls: readonly string[]): Promise<string[]> {
    const entries = uidls.flatMap((id) => this.byUidl.get(id) ?? []);
    try {
      await pipeline(this.session, entries, (entry) => dele(this.session.connection, entry.number));
    } catch (error) {
      this.abandon('closed without QUIT after a failed DELE, so nothing is deleted');
      throw error;
    }
    await this.quit();
    return entries.map((entry) => entry.uidl);
  }

  async quit(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await quit(this.session.connection);
  }

  /** Ends without QUIT, so no deletion mark takes effect. */
  abandon(reason = 'abandoned'): void {
    if (this.ended) return;
    this.ended = true;
    this.session.connection.close(reason);
  }

  /** Re-reads capabilities, e.g. for the server report. */
  refreshCapabilities() {
    return capa(this.session.connection);
  }
}

/**
 * Runs one command per item, keeping up to PIPELINE_DEPTH in flight when the server offers
 * PIPELINING, else one at a time. Results come back in item order.
 */
async function pipeline<T, R>(session: Pop3Session, items: readonly T[], send: (item: T) => Promise<R>): Promise<R[]> {
  const depth = session.capabilities.pipelining ? PIPELINE_DEPTH : 1;
  const results: R[] = new Array(items.length);
  const inFlight: Promise<void>[] = [];
  let failure: unknown;
  for (let i = 0; i < items.length; i++) {
    if (inFlight.length >= depth) await inFlight.shift();
    const index = i;
    const answer = send(items[index]!).then((result) => {
      results[index] = result;
    });
    answer.catch((error: unknown) => {
      failure ??= error;
    });
    inFlight.push(answer);
  }
  await Promise.allSettled(inFlight);
  if (failure !== undefined) throw failure;
  return results;
}
