import type { AccountHealth } from '../../app/domain/server-report';

/** What engines last reported about each account, for the server report. */
export class AccountHealthRegistry {
  private readonly health = new Map<string, AccountHealth>();

  contact(accountId: string, protocol: NonNullable<AccountHealth['lastContactProtocol']>, at = Date.now()): void {
    this.health.set(accountId, { ...this.get(accountId), lastContact: at, lastContactProtocol: protocol });
  }

  idle(accountId: string, state: NonNullable<AccountHealth['idle']>): void {
    this.health.set(accountId, { ...this.get(accountId), idle: state });
  }

  get(accountId: string): AccountHealth {
    return { ...this.health.get(accountId) };
  }
}
