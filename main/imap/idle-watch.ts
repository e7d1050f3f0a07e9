import type { ImapFlow } from 'imapflow';
import type { Account } from '../../app/domain/account';
import type { AccountHealth } from '../../app/domain/server-report';
import { withDeadline } from '../net/deadline';
import type { Transcript } from '../transcript';
import { createImapClient } from './create-client';

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
  onHealth: (state: NonNullable<AccountHealth['idle']>) => void;
  /** The server hung up or went away: the account is offline until a reopen succeeds. */
  onLost?: () => void;
}

/** RFC 2177: a client restarts IDLE at least every 29 minutes; 25 leaves room for slow servers. */
export const IDLE_RESTART_MS = 25 * 60_000;

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
 */
export class IdleWatch {
  private client: ImapFlow | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private bytesSeen = -1;
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
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    await withDeadline(client.connect(), timeoutMs * 2, 'IMAP login', () => client.close());
    // imapflow enters IDLE as soon as the SELECT is answered (auto-IDLE without delay).
    await withDeadline(client.mailboxOpen('INBOX'), timeoutMs * 2, 'IMAP SELECT', () => client.close());
    this.client = client;
    this.bytesSeen = -1;
    this.deps.onHealth(client.capabilities.has('IDLE') ? 'active' : 'not in use');
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
