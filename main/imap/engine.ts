import type { Account } from '../../app/domain/account';
import { FIRST_SCREEN_SIZE, type NewestHeaders, type NewMessages } from '../../app/domain/imap-sync';
import type { AccountHealth } from '../../app/domain/server-report';
import type { Transcript } from '../transcript';
import { ImapAccountConnection } from './account-connection';
import { imapError } from './errors';
import { fetchNewestHeaders } from './fetch-headers';
import { IdleWatch } from './idle-watch';
import { ScreensAhead } from './screen-ahead';

/** Where the engine reads an account and its incoming password; main/service passes the account store. */
export interface ImapCredentialSource {
  get(accountId: string): Promise<Account>;
  /** The password, or an OAuth access token (`renew`: the last one was refused). */
  password(accountId: string, role: 'incoming', options?: { renew?: boolean }): Promise<string>;
}

/** What the engine reports upward; main/service wires these to the account health registry. */
export interface ImapEngineHooks {
  onContact: (accountId: string) => void;
  onIdleHealth: (accountId: string, state: NonNullable<AccountHealth['idle']>) => void;
  onFolderChanged: (accountId: string, path: string) => void;
  onNewMessages: (accountId: string, batch: NewMessages) => void;
  /** The IDLE connection lost its server (it hung up or went away): the account is offline. */
  onConnectionLost: (accountId: string) => void;
}

export interface ImapEngineDeps extends ImapEngineHooks {
  accounts: ImapCredentialSource;
  transcript: Transcript;
  timeoutMs: number;
  watchdogMs: number;
  /** How often the watcher polls a server without IDLE. */
  pollMs: number;
  /** How often the watcher ends and re-enters IDLE (default: RFC 2177's limit with a margin). */
  idleRestartMs?: number;
  /** How often a quiet command connection says NOOP, so the next command needs no new login. */
  keepAliveMs?: number;
}

/** How often the IDLE connection asks a server without IDLE for news: the account's sync interval, else the default. */
export function pollIntervalMs(account: Pick<Account, 'syncEveryMinutes'>, defaultMs: number): number {
  return account.syncEveryMinutes && account.syncEveryMinutes > 0 ? account.syncEveryMinutes * 60_000 : defaultMs;
}

/** The IMAP side of main: one command connection and at most one IDLE watch per account. */
export class ImapEngine {
  private readonly connections = new Map<string, ImapAccountConnection>();
  private readonly watches = new Map<string, IdleWatch>();
  private readonly screensAhead = new ScreensAhead();

  constructor(private readonly deps: ImapEngineDeps) {}

  connection(accountId: string): ImapAccountConnection {
    let connection = this.connections.get(accountId);
    if (!connection) {
      connection = new ImapAccountConnection({
        account: () => this.deps.accounts.get(accountId),
        password: (options) => this.deps.accounts.password(accountId, 'incoming', options),
        transcript: this.deps.transcript,
        timeoutMs: this.deps.timeoutMs,
        ...(this.deps.keepAliveMs ? { keepAliveMs: this.deps.keepAliveMs } : {}),
        onContact: () => this.deps.onContact(accountId),
      });
      this.connections.set(accountId, connection);
    }
    return connection;
  }

  /** Starts the IDLE watch of an account, or reopens it now when its connection was lost. */
  async watch(accountId: string): Promise<boolean> {
    const account = await this.deps.accounts.get(accountId);
    const running = this.watches.get(accountId);
    if (running) {
      await running.reopen().catch((error: unknown) => {
        throw imapError(error, account.incoming);
      });
      return true;
    }
    const watch = new IdleWatch({
      account,
      password: () => this.deps.accounts.password(accountId, 'incoming'),
      transcript: this.deps.transcript,
      timeoutMs: this.deps.timeoutMs,
      watchdogMs: this.deps.watchdogMs,
      pollMs: pollIntervalMs(account, this.deps.pollMs),
      ...(this.deps.idleRestartMs ? { restartMs: this.deps.idleRestartMs } : {}),
      onChange: (path) => this.deps.onFolderChanged(accountId, path),
      onNewMessages: (batch) => this.deps.onNewMessages(accountId, batch),
      onHealth: (state) => this.deps.onIdleHealth(accountId, state),
      onLost: () => this.deps.onConnectionLost(accountId),
    });
    this.watches.set(accountId, watch);
    try {
      await watch.start();
      return true;
    } catch (error) {
      this.watches.delete(accountId);
      // The same typed error as the command connection gives: a refused password is AUTH_FAILED with the server's words.
      throw imapError(error, account.incoming);
    }
  }

  /**
   * The account's server may be back (a scheduled retry, the machine online again): forget the
   * command connection's pause after failures and bring IDLE up first, so nothing that arrives
   * during the sync that follows goes unnoticed. Throws while the server is still away.
   */
  async reconnect(accountId: string): Promise<void> {
    this.connection(accountId).resetBackoff();
    await this.watch(accountId);
  }

  /**
   * The account's command connection logs in now, before anything asks for it. A new account's
   * first sync begins with its INBOX's newest headers, so those are fetched on the same login.
   */
  prepare(accountId: string, options: { newAccount?: boolean } = {}): void {
    const connection = this.connection(accountId);
    if (!options.newAccount) {
      void connection.prepare().catch(() => undefined);
      return;
    }
    const screen = connection.prepare((client) => fetchNewestHeaders(client, 'INBOX', FIRST_SCREEN_SIZE));
    this.screensAhead.hold(accountId, 'INBOX', FIRST_SCREEN_SIZE, screen);
  }

  /** A folder's newest headers: the screen fetched ahead when it is this one, else from the server now. */
  async newest(accountId: string, path: string, count: number): Promise<NewestHeaders> {
    return (await this.screensAhead.take(accountId, path, count)) ?? this.connection(accountId).run((client) => fetchNewestHeaders(client, path, count));
  }

  idleWatch(accountId: string): IdleWatch | undefined {
    return this.watches.get(accountId);
  }

  async forget(accountId: string): Promise<void> {
    this.screensAhead.forget(accountId);
    await Promise.all([this.connections.get(accountId)?.close(), this.watches.get(accountId)?.stop()]);
    this.connections.delete(accountId);
    this.watches.delete(accountId);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((id) => this.forget(id)));
  }
}
