import type { Account, AccountUpdate, Identity } from '../../app/domain/account';
import type { MailAddress } from '../../app/domain/message-summary';

/** The addresses an account sends from: its own first, then the identities added in "Edit account". */
export function identitiesOf(account: Account): Identity[] {
  const own: Identity = { address: account.email, name: account.displayName, ...(account.signature ? { signature: account.signature } : {}) };
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

/** The signature under mail from this address: the identity's own, else the account's; '' for none. */
export function signatureFor(account: Account, address: string): string {
  const identity = identitiesOf(account).find((i) => i.address.toLowerCase() === address.toLowerCase());
  return identity?.signature?.trim() ? identity.signature : (account.signature ?? '');
}

/** The edit that gives one address of the account a new signature: the account's own, or that identity's. */
export function signatureUpdate(account: Account, address: string, signature: string): AccountUpdate {
  const text = signature.trimEnd();
  if (address.toLowerCase() === account.email.toLowerCase()) return { id: account.id, signature: text };
  const identities = (account.identities ?? []).map((i) => {
    if (i.address.toLowerCase() !== address.toLowerCase()) return i;
    const { signature: _old, ...rest } = i;
    return text ? { ...rest, signature: text } : rest;
  });
  return { id: account.id, identities };
}
