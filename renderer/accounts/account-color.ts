import type { Account } from '../../app/domain/account';

/**
 * Colours for accounts whose owner chose none, by their place in the list, so two such accounts
 * never look alike in the sidebar or on the rows of the Unified Inbox. Hex, because that is what
 * the colour picker in Edit account takes.
 */
const PALETTE = ['#4a7bd0', '#d0743a', '#3a9d5d', '#a24fc1', '#c2405a', '#2a9aa8', '#b08b1e', '#6b6f80'] as const;

/** The colour an account wears: its own, else the palette's for its position. */
export function accountColor(account: Pick<Account, 'id' | 'color'>, accounts: readonly Pick<Account, 'id'>[]): string {
  if (account.color) return account.color;
  const position = Math.max(0, accounts.findIndex((a) => a.id === account.id));
  return PALETTE[position % PALETTE.length]!;
}

/** Every account's colour by id, computed once for a list of rows. */
export function accountColors(accounts: readonly Pick<Account, 'id' | 'color'>[]): Map<string, string> {
  return new Map(accounts.map((account) => [account.id, accountColor(account, accounts)]));
}
