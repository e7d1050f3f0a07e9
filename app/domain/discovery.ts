import type { Security } from './account';

/** Where found settings came from, in the order Thunderbird tries them. */
export type DiscoverySource = 'autoconfig' | 'provider' | 'srv' | 'mx' | 'guess';

/** How the user proves who they are: a password (or app password), or an OAuth 2 sign-in in the browser. */
export type DiscoveredAuth = 'password' | 'oauth2';

export interface DiscoveredServer {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: Security;
  /** The user name with the address already filled in (%EMAILADDRESS% and the like). */
  username: string;
  auth: DiscoveredAuth;
}

/** The provider's OAuth 2 endpoints; public facts, no client id (that is the distributor's configuration). */
export interface OAuthProviderEndpoints {
  providerId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  scopes: string[];
  /** Extra authorization parameters a provider needs for a refresh token (e.g. prompt=consent). */
  extraAuthParams?: Record<string, string>;
}

export interface DiscoveredSettings {
  source: DiscoverySource;
  /** What was consulted: the URL of the XML, the provider's name, the DNS name, the guessed host. */
  origin: string;
  /** The provider's name where known (provider table, autoconfig <displayName>). */
  providerName?: string;
  /** Best first: IMAP before POP3, implicit TLS before STARTTLS. */
  incoming: DiscoveredServer[];
  outgoing: DiscoveredServer[];
  /** 'oauth2' when the provider needs (or prefers) a browser sign-in. */
  auth: DiscoveredAuth;
  oauth?: OAuthProviderEndpoints;
}

/** What an OAuth sign-in left in main's vault; the tokens themselves never leave main. */
export interface OAuthSignInResult {
  /**
   * 'oauth-grant:<key>': names the stored tokens (it is not a secret). An account whose servers have
   * authMethod 'xoauth2' carries it as their password; main logs in with a fresh access token instead.
   */
  tokenKey: string;
  providerId: string;
  /** When the current access token expires (ms since epoch); main renews it before that. */
  expiresAt: number;
  scopes: string[];
  hasRefreshToken: boolean;
}
