import type { AccountStore } from '../accounts/account-store';
import type { AccountHealthRegistry } from '../insight/account-health';
import type { Transcript } from '../transcript';
import { ImapAccountConnection } from './account-connection';
import { IdleWatch } from './idle-watch';

export interface ImapEngineDeps {
  accounts: AccountStore;
  transcript: Transcript;
  health: AccountHealthRegistry;
  timeoutMs: number;
  watchdogMs: number;
  /** How often the watcher polls a server without IDLE. */
  pollMs: number;
  onFolderChanged: (accountId: string, path: string) => void;
}

/** The IMAP side of main: one command connection and at most one IDLE watch per account. */
export class ImapEngine {
  private readonly connections = new Map<string, ImapAccountConnection>();
  private readonly watches = new Map<string, IdleWatch>();

  constructor(private readonly deps: ImapEngineDeps) {}

  connection(accountId: string): ImapAccountConnection {
    let connection = this.connections.get(accountId);
    if (!connection) {
      connection = new ImapAccountConnection({
        account: () => this.deps.accounts.get(accountId),
        password: (options) => this.deps.accounts.password(accountId, 'incoming', options),
        transcript: this.deps.transcript,
        timeoutMs: this.deps.timeoutMs,
        onContact: () => this.deps.health.contact(accountId, 'imap'),
      });
      this.connections.set(accountId, connection);
    }
    return connection;
  }

  async watch(accountId: string): Promise<boolean> {
    if (this.watches.has(accountId)) return true;
    const account = await this.deps.accounts.get(accountId);
    const watch = new IdleWatch({
      account,
      password: () => this.deps.accounts.password(accountId, 'incoming'),
      transcript: this.deps.transcript,
      timeoutMs: this.deps.timeoutMs,
      watchdogMs: this.deps.watchdogMs,
      pollMs: this.deps.pollMs,
      onChange: (path) => this.deps.onFolderChanged(accountId, path),
      onHealth: (state) => this.deps.health.idle(accountId, state),
    });
    this.watches.set(accountId, watch);
    try {
      await watch.start();
      return true;
    } catch (error) {
      this.watches.delete(accountId);
      throw error;
    }
  }

  idleWatch(accountId: string): IdleWatch | undefined {
    return this.watches.get(accountId);
  }

  async forget(accountId: string): Promise<void> {
    await Promise.all([this.connections.get(accountId)?.close(), this.watches.get(accountId)?.stop()]);
    this.connections.delete(accountId);
    this.watches.delete(accountId);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((id) => this.forget(id)));
  }
}
