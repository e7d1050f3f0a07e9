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
  onChange: (path: string) => void;
  onHealth: (state: NonNullable<AccountHealth['idle']>) => void;
}

/**
 * A second connection per account that sits in IDLE on the INBOX (or polls where the server has
 * no IDLE) and reports "folder changed". A watchdog sends NOOP now and then: when no answer comes
 * in time, the connection is declared dead, dropped and opened again. Without IDLE the same NOOP,
 * sent every poll interval, is the poll: the server reports new and expunged messages in its answer.
 */
export class IdleWatch {
  private client: ImapFlow | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  restarts = 0;

  constructor(private readonly deps: IdleWatchDeps) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.open();
    this.schedule();
  }

  private async open(): Promise<void> {
    const { account, transcript, timeoutMs } = this.deps;
    const password = typeof this.deps.password === 'string' ? this.deps.password : await this.deps.password();
    const session = transcript.openSession({ protocol: 'imap', host: account.incoming.host, port: account.incoming.port, accountId: account.id, username: account.incoming.username, secrets: [password] });
    const client = createImapClient(account.incoming, password, session, timeoutMs, { idle: true });
    client.on('close', () => session.close('IDLE connection closed'));
    const changed = (event: { path?: string }) => this.deps.onChange(event.path ?? 'INBOX');
    client.on('exists', changed);
    client.on('expunge', changed);
    client.on('flags', changed);
    await withDeadline(client.connect(), timeoutMs * 2, 'IMAP login', () => client.close());
    await client.mailboxOpen('INBOX');
    this.client = client;
    this.deps.onHealth(client.capabilities.has('IDLE') ? 'active' : 'not in use');
  }

  private schedule(): void {
    if (this.stopped) return;
    const polling = this.client !== undefined && !this.client.capabilities.has('IDLE');
    this.timer = setTimeout(() => void this.check(), polling ? Math.min(this.deps.pollMs, this.deps.watchdogMs) : this.deps.watchdogMs);
    this.timer.unref();
  }

  /** NOOP ends the IDLE, must be answered, and imapflow idles again afterwards. */
  private async check(): Promise<void> {
    const client = this.client;
    try {
      if (!client?.usable) throw new Error('connection gone');
      await withDeadline(client.noop(), this.deps.timeoutMs, 'IMAP NOOP', () => client.close());
    } catch {
      if (this.stopped) return;
      this.deps.onHealth('stalled');
      client?.close();
      this.client = undefined;
      try {
        await this.open();
        this.restarts++;
        this.deps.onHealth('restarted');
        // Whatever happened while the connection was dead is unknown: have the INBOX synced.
        this.deps.onChange('INBOX');
      } catch {
        // Stays 'stalled'; the next round tries again.
      }
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
