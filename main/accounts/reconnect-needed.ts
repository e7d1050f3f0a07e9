import type { Account, AccountUpdate, ServerSettings } from '../../app/domain/account';

/** What a login depends on; the rest of an account (name, colour, identities …) never needs a new connection. */
function loginShape(server: ServerSettings): string {
  const { host, port, security, username, authMethod, trustedCertificates, insecureConfirmed } = server;
  return JSON.stringify([host.toLowerCase(), port, security, username, authMethod ?? 'password', trustedCertificates ?? [], insecureConfirmed ?? false]);
}

/**
 * Whether an edit must drop the account's open connections: a server, port, security, user name or
 * trusted certificate changed, a new password (or sign-in) was given, or the IMAP poll interval the
 * IDLE connection runs on changed. Saving only a colour keeps IDLE running.
 */
export function reconnectNeeded(before: Account, after: Account, change: AccountUpdate): boolean {
  if (change.incoming?.password !== undefined || change.outgoing?.password !== undefined) return true;
  if (loginShape(before.incoming) !== loginShape(after.incoming) || loginShape(before.outgoing) !== loginShape(after.outgoing)) return true;
  return (before.syncEveryMinutes ?? 0) !== (after.syncEveryMinutes ?? 0);
}
