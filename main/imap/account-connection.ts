import type { ImapFlow } from 'imapflow';
import type { Account } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import { withDeadline } from '../net/deadline';
import type { Transcript } from '../transcript';
import { createImapClient } from './create-client';
import { imapError } from './errors';

export interface AccountConnectionDeps {
  account: () => Promise<Account>;
  /** `renew`: an OAuth account's access token was refused; a fresh one, please. */
  password: (options?: { renew?: boolean }) => Promise<string>;
  transcript: Transcript;
  timeoutMs: number;
  /** A quiet connection says NOOP this often (default: half the socket timeout), so it is not logged out. */
  keepAliveMs?: number;
  onContact?: () => void;
}

const MAX_BACKOFF_MS = 60_000;

/** The connection, not the command, failed: it must not be used again. */
function isConnectionFailure(error: unknown): boolean {
  return error instanceof PostboteError && ['CONNECTION_CLOSED', 'PROTOCOL_ERROR', 'TIMEOUT', 'CONNECTION_REFUSED'].includes(error.code);
}

/**
 * The command connection of one IMAP account: connected on first use, reused while it lives, and
 * reconnected on the next use after it dies — with a growing pause after failed attempts, so a
 * server that is down is not hammered. Commands run one at a time (the selected mailbox is shared).
 */
export class ImapAccountConnection {
  private client: ImapFlow | undefined;
  private connecting: Promise<ImapFlow> | undefined;
  private failures = 0;
  private retryAt = 0;
  private lastError: PostboteError | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private keepAliveTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: AccountConnectionDeps) {}

  /** Runs `work` with a connected client, after earlier work finished. */
  run<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const reused = Boolean(this.client?.usable);
      try {
        return await this.attempt(work);
      } catch (error) {
        // A kept connection may have died unnoticed (sleep, network change): one fresh try.
        // Every IMAP step here is idempotent on UIDs, so repeating it cannot do anything twice.
        if (!reused || !isConnectionFailure(error)) throw error;
        return this.attempt(work);
      }
    });
    this.queue = next.catch(() => undefined);
    void this.queue.then(() => this.keepAlive());
    return next;
  }

  /**
   * A connection left quiet would be cut by the socket timeout after a minute, and the next click
   * would wait for a new login: a NOOP, queued like any command, keeps it alive while it is quiet.
   * It never connects — a connection that died is opened again by the next real command.
   */
  private keepAlive(): void {
    clearTimeout(this.keepAliveTimer);
    if (!this.client?.usable) return;
    this.keepAliveTimer = setTimeout(() => {
      const client = this.client;
      if (!client?.usable) return;
      this.queue = this.queue.then(async () => {
        if (this.client !== client || !client.usable) return;
        try {
          await withDeadline(client.noop(), this.deps.timeoutMs, 'IMAP NOOP', () => client.close());
          this.keepAlive();
        } catch {
          if (this.client === client) this.drop();
        }
      });
    }, this.deps.keepAliveMs ?? this.deps.timeoutMs * 2);
    this.keepAliveTimer.unref();
  }

  private async attempt<T>(work: (client: ImapFlow) => Promise<T>): Promise<T> {
    const client = await this.connected();
    try {
      const result = await work(client);
      this.deps.onContact?.();
      return result;
    } catch (error) {
      const account = await this.deps.account();
      const typed = imapError(error, account.incoming);
      if (!client.usable || isConnectionFailure(typed)) this.drop();
      throw typed;
    }
  }

  private async connected(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    this.drop();
    if (Date.now() < this.retryAt && this.lastError) throw this.lastError;
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<ImapFlow> {
    try {
      return await this.login({});
    } catch (error) {
      // A refused OAuth access token is renewed once; a revoked sign-in ends as SIGN_IN_AGAIN from the renewal.
      if (!(error instanceof PostboteError) || error.code !== 'AUTH_FAILED' || (await this.deps.account()).incoming.authMethod !== 'xoauth2') throw error;
      return this.login({ renew: true });
    }
  }

  private async login(options: { renew?: boolean }): Promise<ImapFlow> {
    const account = await this.deps.account();
    const password = await this.deps.password(options);
    const session = this.deps.transcript.openSession({ protocol: 'imap', host: account.incoming.host, port: account.incoming.port, accountId: account.id, username: account.incoming.username, secrets: [password] });
    const client = createImapClient(account.incoming, password, session, this.deps.timeoutMs);
    client.on('close', () => session.close());
    try {
      await withDeadline(client.connect(), this.deps.timeoutMs * 2, 'IMAP login', () => client.close());
      this.failures = 0;
      this.lastError = undefined;
      this.client = client;
      return client;
    } catch (error) {
      client.close();
      const typed = imapError(error, account.incoming);
      typed.transcriptSession = session.id;
      this.failures++;
      this.lastError = typed;
      // Wrong passwords do not get better by retrying quickly either.
      this.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, 500 * 2 ** (this.failures - 1));
      throw typed;
    }
  }

  /**
   * Logs in ahead of the first command (the app starting, an account just added) and learns the
   * folders, so the first click waits only for its own commands: imapflow asks LIST and LSUB
   * before its first SELECT of a folder it has not listed (15 ms of a 50 ms first screen at 10k,
   * the app's start running beside it). `then` runs on the same login (one attempt, also when the
   * password is wrong). A failure here is left for that command to meet afresh.
   */
  prepare(): Promise<void>;
  prepare<T>(then: (client: ImapFlow) => Promise<T>): Promise<T>;
  prepare<T>(then?: (client: ImapFlow) => Promise<T>): Promise<T | undefined> {
    const prepared = this.run(async (client) => {
      await client.list();
      return then?.(client);
    });
    prepared.catch(() => this.resetBackoff());
    return prepared;
  }

  /** Forgets the pause after failures: the user asked explicitly, or the network came back. */
  resetBackoff(): void {
    this.retryAt = 0;
  }

  private drop(): void {
    if (!this.client) return;
    const old = this.client;
    this.client = undefined;
    old.close();
  }

  async close(): Promise<void> {
    clearTimeout(this.keepAliveTimer);
    const client = this.client;
    this.client = undefined;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }
}
