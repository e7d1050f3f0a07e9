import type { ImapFlow } from 'imapflow';
import type { Account } from '../../app/domain/account';
import type { ImapHeader, NewMessages } from '../../app/domain/imap-sync';
import type { AccountHealth } from '../../app/domain/server-report';
import { withDeadline } from '../net/deadline';
import type { Transcript } from '../transcript';
import { createImapClient } from './create-client';
import { fetchHeaderRows } from './fetch-header-rows';

export interface IdleWatchDeps {
  account: Account;
  /** A function for OAuth accounts: every reopen after a dead connection logs in with a token valid then. */
  password: string | (() => Promise<string>);
  transcript: Transcript;
  timeoutMs: number;
  /** How often the watchdog checks that the connection still answers (IDLE can die silently). */
  watchdogMs: number;
  /** How often to ask a server without IDLE for news (a NOOP, which is also the watchdog's check). */
  pollMs: number;
  /** How often IDLE is ended and entered again (RFC 2177: well before the server's 29 minutes). */
  restartMs?: number;
  onChange: (path: string) => void;
  /** New mail, fetched on this connection right after the server announced it. */
  onNewMessages: (batch: NewMessages) => void;
  onHealth: (state: NonNullable<AccountHealth['idle']>) => void;
  /** The server hung up or went away: the account is offline until a reopen succeeds. */
  onLost?: () => void;
}

/** RFC 2177: a client restarts IDLE at least every 29 minutes; 25 leaves room for slow servers. */
export const IDLE_RESTART_MS = 25 * 60_000;

/** New mail goes upward in events of at most this many headers, so a burst of thousands never makes one huge message. */
export const NEW_MAIL_CHUNK = 500;

/**
 * A second connection per account that sits in IDLE on the INBOX (or polls where the server has
 * no IDLE) and reports "folder changed". IDLE is entered again the moment any command or restart
 * is answered, so there is never a stretch in which the server would keep news to itself.
 *
 * The watchdog looks every `watchdogMs` whether the server sent anything since its last look
 * (Dovecot says "Still here" every two minutes, a restart is answered too); only a silent
 * connection is asked a NOOP, which ends IDLE, must be answered in time, and IDLE follows at once.
 * When no answer comes, the connection is declared dead, dropped and opened again. Without IDLE
 * the same NOOP, sent every poll interval, is the poll: the server reports news in its answer.
 *
 * New mail (EXISTS grew) is fetched right here: one `UID FETCH <last UIDNEXT>:*` of the headers,
 * which ends IDLE for a moment, and IDLE follows its answer. The window adds those messages without
 * a sync of the folder (no SELECT, no search, no compare on the command connection). Expunges and
 * flag changes still ask for a sync of the folder, which QRESYNC keeps to one SELECT.
 */
export class IdleWatch {
  private client: ImapFlow | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private bytesSeen = -1;
  /** The INBOX's UIDVALIDITY and the UID from which mail is new to this watch. */
  private uidValidity = '';
  private uidNext = 0;
  private pulling = false;
  private pullAgain = false;
  private opening: Promise<void> | undefined;
  restarts = 0;

  constructor(private readonly deps: IdleWatchDeps) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.open();
    this.schedule();
  }

  /** Whether the watch has a live connection (false after the server hung up, until a reopen). */
  get connected(): boolean {
    return Boolean(this.client?.usable);
  }

  /**
   * Opens the connection again now if it was lost (the account's reconnect, or the watchdog),
   * joining a reopen already under way. Mail that arrived while it was gone is unknown: the INBOX
   * is reported changed once IDLE runs again, so the sync that follows leaves no gap.
   */
  async reopen(): Promise<void> {
    if (this.stopped || this.client?.usable) return;
    this.opening ??= this.open()
      .then(() => {
        this.restarts++;
        this.deps.onHealth('restarted');
        this.deps.onChange('INBOX');
      })
      .finally(() => (this.opening = undefined));
    return this.opening;
  }

  private async open(): Promise<void> {
    const { account, transcript, timeoutMs } = this.deps;
    const password = typeof this.deps.password === 'string' ? this.deps.password : await this.deps.password();
    const session = transcript.openSession({ protocol: 'imap', host: account.incoming.host, port: account.incoming.port, accountId: account.id, username: account.incoming.username, secrets: [password] });
    const restartMs = Math.min(this.deps.restartMs ?? IDLE_RESTART_MS, 28 * 60_000);
    // Beyond the watchdog's look and the restart: the socket timeout must never be what ends an IDLE.
    const socketTimeoutMs = Math.max(timeoutMs * 4, Math.min(restartMs, this.deps.watchdogMs) + timeoutMs * 2);
    const client = createImapClient(account.incoming, password, session, timeoutMs, { idle: { restartMs, socketTimeoutMs } });
    client.on('close', () => {
      session.close('IDLE connection closed');
      // Only a connection in use going away is news: the watch drops the ones it closes itself first.
      if (this.stopped || this.client !== client) return;
      this.client = undefined;
      this.deps.onHealth('stalled');
      this.deps.onLost?.();
    });
    const changed = (event: { path?: string }) => this.deps.onChange(event.path ?? 'INBOX');
    client.on('exists', (event: { path: string; count: number; prevCount: number }) => (event.count > event.prevCount ? this.pullNew(client, event.path) : changed(event)));
    client.on('expunge', changed);
    client.on('flags', changed);
    await withDeadline(client.connect(), timeoutMs * 2, 'IMAP login', () => client.close());
    // imapflow enters IDLE as soon as the SELECT is answered (auto-IDLE without delay).
    const inbox = await withDeadline(client.mailboxOpen('INBOX'), timeoutMs * 2, 'IMAP SELECT', () => client.close());
    this.uidValidity = String(inbox.uidValidity);
    this.uidNext = inbox.uidNext;
    this.client = client;
    this.bytesSeen = -1;
    this.deps.onHealth(client.capabilities.has('IDLE') ? 'active' : 'not in use');
  }

  /** One pull at a time; EXISTS seen meanwhile makes one more pull after it. */
  private pullNew(client: ImapFlow, path: string): void {
    if (this.pulling) {
      this.pullAgain = true;
      return;
    }
    this.pulling = true;
    void (async () => {
      try {
        do {
          this.pullAgain = false;
          await this.fetchNew(client, path);
        } while (this.pullAgain && !this.stopped && this.client === client);
      } catch {
        // The connection failed mid-fetch: the watchdog reopens it; a sync of the folder fills the gap.
        if (!this.stopped) this.deps.onChange(path);
      } finally {
        this.pulling = false;
      }
    })();
  }

  private async fetchNew(client: ImapFlow, path: string): Promise<void> {
    const mailbox = client.mailbox;
    if (!mailbox || mailbox.path !== path || String(mailbox.uidValidity) !== this.uidValidity) {
      this.deps.onChange(path);
      return;
    }
    let chunk: ImapHeader[] = [];
    const send = () => {
      if (!chunk.length) return;
      const fromUid = this.uidNext;
      chunk.sort((a, b) => a.uid - b.uid);
      this.uidNext = chunk.at(-1)!.uid + 1;
      this.deps.onNewMessages({ path, uidValidity: this.uidValidity, fromUid, uidNext: this.uidNext, headers: chunk });
      chunk = [];
    };
    // `N:*` also names the highest UID when it is below N (RFC 3501), hence the filter.
    const from = this.uidNext;
    await withDeadline(
      (async () => {
        await fetchHeaderRows(client, `${from}:*`, (header) => {
          if (header.uid < from) return;
          chunk.push(header);
          if (chunk.length >= NEW_MAIL_CHUNK) send();
        });
      })(),
      this.deps.timeoutMs * 2,
      'IMAP FETCH of new mail',
      () => client.close(),
    );
    send();
  }

  private schedule(): void {
    if (this.stopped) return;
    const polling = this.client !== undefined && !this.client.capabilities.has('IDLE');
    this.timer = setTimeout(() => void this.check(), polling ? Math.min(this.deps.pollMs, this.deps.watchdogMs) : this.deps.watchdogMs);
    this.timer.unref();
  }

  /** Whether the IDLE connection is in IDLE (or its polling loop) right now. */
  get idling(): boolean {
    return Boolean(this.client?.idling);
  }

  /** Bytes the server sent on the connection so far; undefined where the socket does not tell. */
  private bytesRead(client: ImapFlow): number | undefined {
    const socket = (client as unknown as { socket?: { bytesRead?: number } }).socket;
    return typeof socket?.bytesRead === 'number' ? socket.bytesRead : undefined;
  }

  /** NOOP ends the IDLE, must be answered, and imapflow idles again at once afterwards. */
  private async check(): Promise<void> {
    const client = this.client;
    try {
      if (!client?.usable) throw new Error('connection gone');
      const polling = !client.capabilities.has('IDLE');
      const bytes = this.bytesRead(client);
      const heard = bytes !== undefined && this.bytesSeen >= 0 && bytes > this.bytesSeen;
      this.bytesSeen = bytes ?? -1;
      if (polling || !heard || !client.idling) {
        await withDeadline(client.noop(), this.deps.timeoutMs, 'IMAP NOOP', () => client.close());
        this.bytesSeen = this.bytesRead(client) ?? -1;
      }
    } catch {
      if (this.stopped) return;
      this.deps.onHealth('stalled');
      if (this.client === client) this.client = undefined;
      client?.close();
      // A silent connection that cannot be opened again means the server is away: the account is
      // told (it retries on its own schedule); the next round tries again too.
      await this.reopen().catch(() => this.deps.onLost?.());
    }
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }
}
