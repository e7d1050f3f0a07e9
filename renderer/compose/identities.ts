import type { Account, Identity } from '../../app/domain/account';
import type { MailAddress } from '../../app/domain/message-summary';

/** The addresses an account sends from: its own first, then the identities added in "Edit account". */
export function identitiesOf(account: Account): Identity[] {
  const own = { address: account.email, name: account.displayName };
  const more = (account.identities ?? []).filter((i) => i.address.toLowerCase() !== account.email.toLowerCase());
  return [own, ...more];
}

/** Every address that is the user's, over all accounts and identities (reply all leaves them out). */
export function ownAddresses(accounts: readonly Account[]): string[] {
  return accounts.flatMap((a) => identitiesOf(a).map((i) => i.address));
}

/** A reply goes out from the identity the original was addressed to (To, then Cc); else the account's own. */
export function replyIdentity(account: Account, recipients: readonly MailAddress[]): Identity {
  const all = identitiesOf(account);
  const addressed = recipients.map((r) => r.address.toLowerCase());
  return all.find((i) => addressed.includes(i.address.toLowerCase())) ?? all[0]!;
}

export const asFrom = (identity: Identity): MailAddress => (identity.name ? { name: identity.name, address: identity.address } : { address: identity.address });
