import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Account, AccountDraft, AccountUpdate } from '../../app/domain/account';
import { PostboteError } from '../../app/errors';
import { readJson, writeJsonAtomic } from '../storage/json-file';
import type { SecretReferences } from './secret-references';
import type { SecretStore } from './secret-vault';
import { serversOf, withKnownCertificates } from './known-certificates';

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
      // A certificate trusted for this host before (another account, the other server) is trusted here too.
      const known = serversOf(accounts, draft.incoming, draft.outgoing);
      const { password: incomingPassword, ...incoming } = withKnownCertificates(draft.incoming, known);
      const { password: outgoingPassword, ...outgoing } = withKnownCertificates(draft.outgoing, known);
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

  /**
   * Changes an account in place. The id never changes (the POP3 ledger, the window's cache and queued
   * operations hang on it) and neither does the incoming protocol (its mail lives in a different
   * place); a password left out keeps the stored one, and a sign-in it replaced is forgotten.
   */
  update(change: AccountUpdate): Promise<Account> {
    return this.mutate(async (accounts) => {
      const index = accounts.findIndex((a) => a.id === change.id);
      const current = accounts[index];
      if (!current) throw new PostboteError({ code: 'NOT_FOUND', message: 'That account does not exist (any more).' });
      const { id, incoming: incomingChange, outgoing: outgoingChange, ...rest } = change;
      if (incomingChange && incomingChange.protocol !== current.incoming.protocol) {
        throw new PostboteError({ code: 'INVALID_INPUT', message: `An account keeps its protocol: add a new ${incomingChange.protocol.toUpperCase()} account instead.` });
      }
      const next: Account = { ...current, ...rest, id };
      const secrets: Partial<Record<ServerRole, string>> = {};
      if (incomingChange) {
        const { password, ...incoming } = incomingChange;
        next.incoming = withKnownCertificates(incoming, serversOf(accounts.filter((a) => a.id !== id), next.outgoing));
        if (password !== undefined) secrets.incoming = password;
      }
      if (outgoingChange) {
        const { password, ...outgoing } = outgoingChange;
        next.outgoing = withKnownCertificates(outgoing, serversOf(accounts.filter((a) => a.id !== id), next.incoming));
        if (password !== undefined) secrets.outgoing = password;
      }
      if (next.incoming.protocol !== 'pop3') delete next.pop3;
      const before = await Promise.all((['incoming', 'outgoing'] as const).map((role) => this.vault.get(secretName(id, role))));
      for (const secret of Object.values(secrets)) await this.references?.check(secret);
      for (const [role, secret] of Object.entries(secrets) as [ServerRole, string][]) await this.vault.set(secretName(id, role), secret);
      const after = new Set(await Promise.all((['incoming', 'outgoing'] as const).map((role) => this.vault.get(secretName(id, role)))));
      for (const old of new Set(before)) if (old !== undefined && !after.has(old)) await this.references?.forget(old).catch(() => undefined);
      accounts[index] = next;
      return structuredClone(next);
    });
  }

  /** Sidebar order: the named ids first in the order given, the rest after them as they were. */
  reorder(ids: string[]): Promise<Account[]> {
    return this.mutate(async (accounts) => {
      const rank = (account: Account) => {
        const named = ids.indexOf(account.id);
        return named >= 0 ? named : ids.length + (account.order ?? accounts.indexOf(account));
      };
      const sorted = [...accounts].sort((a, b) => rank(a) - rank(b));
      sorted.forEach((account, position) => (account.order = position));
      return structuredClone(sorted);
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
