/** Account settings as both processes see them. Secrets are never part of these types. */
export type IncomingProtocol = 'imap' | 'pop3';

/** 'tls' = implicit TLS (993/995/465), 'starttls' = upgrade required, 'none' = plaintext (loopback/testing only). */
export type Security = 'tls' | 'starttls' | 'none';

export interface ServerSettings {
  host: string;
  port: number;
  security: Security;
  username: string;
  /** PEM certificates the user chose to trust for this server (self-signed or private CA). */
  trustedCertificates?: string[];
  /** 'xoauth2': the stored secret is an OAuth 2 access token (SMTP AUTH XOAUTH2), not a password. */
  authMethod?: 'password' | 'xoauth2';
  /** Security 'none' to a server not on this computer: the user confirmed sending the password unencrypted. */
  insecureConfirmed?: true;
}

export interface IncomingSettings extends ServerSettings {
  protocol: IncomingProtocol;
}

export type Pop3Retention =
  | { kind: 'keep' }
  | { kind: 'delete-after-download' }
  | { kind: 'delete-after-days'; days: number }
  | { kind: 'delete-when-deleted-here' };

export interface Pop3Options {
  retention: Pop3Retention;
  /** Messages larger than this many bytes come down as headers only until the user asks for the rest. */
  sizeLimitBytes?: number;
  /** Minutes between automatic checks; 0 = only on demand. */
  checkEveryMinutes: number;
}

/** Another address (and name) the account sends from; a reply goes out from the one it was addressed to. */
export interface Identity {
  address: string;
  name: string;
  /** The signature the composer puts under mail from this address; absent or empty: the account's. */
  signature?: string;
}

/** How the account appears and behaves in the window; all optional, so older accounts.json files stay valid. */
export interface AccountPresentation {
  /** A CSS colour (#rrggbb) the sidebar and the list mark the account with. */
  color?: string;
  /** Position in the sidebar (lower first); accounts without one follow in the order they were added. */
  order?: number;
  /** Further identities besides email/displayName. */
  identities?: Identity[];
  /** false: no desktop notifications for this account's new mail. */
  notify?: boolean;
  /** Folder paths whose new mail never notifies (e.g. Junk, a mailing list folder). */
  quietFolders?: string[];
  /** IMAP: minutes between syncs of the folders without IDLE; 0 or absent: the app's default. */
  syncEveryMinutes?: number;
  /**
   * authserv-ids of the user's own receiving servers whose Authentication-Results to believe, when
   * they differ from the incoming server's domain (imap.gmail.com's are written as mx.google.com).
   */
  authservIds?: string[];
  /** The signature under mail from the account's own address (and identities without their own). */
  signature?: string;
  /**
   * IMAP folder paths whose messages are downloaded whole, for reading offline. Kept with the
   * account (not only in the window's cache) so a new browser profile keeps the choice; absent on
   * accounts from before, whose choice the window still holds.
   */
  offlineFolders?: string[];
}

export interface Account extends AccountPresentation {
  id: string;
  name: string;
  email: string;
  displayName: string;
  incoming: IncomingSettings;
  outgoing: ServerSettings;
  pop3?: Pop3Options;
  createdAt: number;
}

/**
 * An edit of a stored account. The id stays (the POP3 ledger, the cache and pending operations hang on
 * it), and so does the incoming protocol; a password left out keeps the stored one.
 */
export interface AccountUpdate extends AccountPresentation {
  id: string;
  name?: string;
  displayName?: string;
  incoming?: IncomingSettings & { password?: string };
  outgoing?: ServerSettings & { password?: string };
  pop3?: Pop3Options;
}

/** What the user submits when adding or testing an account: settings plus passwords. */
export interface AccountDraft {
  name: string;
  email: string;
  displayName: string;
  incoming: IncomingSettings & { password: string };
  outgoing: ServerSettings & { password: string };
  pop3?: Pop3Options;
}
