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

export interface Account {
  id: string;
  name: string;
  email: string;
  displayName: string;
  incoming: IncomingSettings;
  outgoing: ServerSettings;
  pop3?: Pop3Options;
  createdAt: number;
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
