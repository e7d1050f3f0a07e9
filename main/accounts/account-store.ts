import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Account, AccountDraft } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import { readJson, writeJsonAtomic } from '../storage/json-file';
import type { SecretReferences } from './secret-references';
import type { SecretStore } from './secret-vault';

export type ServerRole = 'incoming' | 'outgoing';

const secretName = (accountId: string, role: ServerRole) => `account:${accountId}:${role}`;

/** Account settings in accounts.json; their passwords in the vault. */
export class AccountStore {
  private readonly file: string;
  private cache: Account[] | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    dataDir: string,
    private readonly vault: SecretStore,
    /** Secrets that name an OAuth sign-in instead of being a password (see main/oauth/grant-reference.ts). */
    private readonly references?: SecretReferences,
  ) {
    this.file = path.join(dataDir, 'accounts.json');
  }

  async list(): Promise<Account[]> {
    this.cache ??= (await readJson<{ accounts: Account[] }>(this.file, { accounts: [] })).accounts;
    return structuredClone(this.cache);
  }

  async get(id: string): Promise<Account> {
    const account = (await this.list()).find((a) => a.id === id);
    if (!account) throw new PostboteError({ code: 'NOT_FOUND', message: 'That account does not exist (any more).' });
    return account;
  }

  /** The password, or for an OAuth account an access token valid for a while yet (`renew`: a fresh one, after a refusal). */
  async password(id: string, role: ServerRole, options: { renew?: boolean } = {}): Promise<string> {
    const secret = await this.vault.get(secretName(id, role));
    if (secret === undefined) throw new PostboteError({ code: 'NOT_FOUND', message: 'The password of this account is missing; enter it again.' });
    return (await this.references?.resolve(secret, options)) ?? secret;
  }

  /** What a draft's password field means at login: itself, or the access token of the sign-in it names. */
  async loginSecret(secret: string): Promise<string> {
    return (await this.references?.resolve(secret)) ?? secret;
  }

  add(draft: AccountDraft): Promise<Account> {
    return this.mutate(async (accounts) => {
      if (accounts.some((a) => a.email.toLowerCase() === draft.email.toLowerCase() && a.incoming.protocol === draft.incoming.protocol)) {
        throw new PostboteError({ code: 'ALREADY_EXISTS', message: `An ${draft.incoming.protocol.toUpperCase()} account for ${draft.email} exists already.` });
      }
      const { password: incomingPassword, ...incoming } = draft.incoming;
      const { password: outgoingPassword, ...outgoing } = draft.outgoing;
      const account: Account = {
        id: randomUUID().replace(/-/g, ''),
        name: draft.name,
        email: draft.email,
        displayName: draft.displayName,
        incoming,
        outgoing,
        createdAt: Date.now(),
      };
      if (draft.pop3) account.pop3 = draft.pop3;
      await this.references?.check(incomingPassword);
      await this.references?.check(outgoingPassword);
      // Secrets first: an account must never exist without its passwords.
      await this.vault.set(secretName(account.id, 'incoming'), incomingPassword);
      await this.vault.set(secretName(account.id, 'outgoing'), outgoingPassword);
      accounts.push(account);
      return account;
    });
  }

  remove(id: string): Promise<boolean> {
    return this.mutate(async (accounts) => {
      const index = accounts.findIndex((a) => a.id === id);
      if (index < 0) return false;
      accounts.splice(index, 1);
      const secrets = await Promise.all((['incoming', 'outgoing'] as const).map((role) => this.vault.get(secretName(id, role))));
      await this.vault.deleteWithPrefix(`account:${id}:`);
      for (const secret of new Set(secrets)) if (secret !== undefined) await this.references?.forget(secret).catch(() => undefined);
      return true;
    });
  }

  private mutate<T>(change: (accounts: Account[]) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const accounts = await this.list();
      const result = await change(accounts);
      await writeJsonAtomic(this.file, { accounts });
      this.cache = accounts;
      return result;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
