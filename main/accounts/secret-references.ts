/**
 * What AccountStore asks about a stored secret that may be a reference to a sign-in rather than a
 * password. Declared where it is used, so accounts need not know how a reference is kept: main/oauth
 * implements it, and create-service hands that to the account store.
 */
export interface SecretReferences {
  /** The secret to log in with now: a valid access token for a grant reference; undefined for a plain password. */
  resolve(stored: string, options?: { renew?: boolean }): Promise<string> | undefined;
  /** Checks a reference a new account brings along (it must name a sign-in main has made). */
  check(stored: string): Promise<void>;
  /** The account is gone: sign out at the provider where it allows it, and forget the tokens. */
  forget(stored: string): Promise<void>;
}
