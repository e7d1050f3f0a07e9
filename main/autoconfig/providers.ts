import type { DiscoveredAuth, DiscoveredServer, DiscoveredSettings, DiscoverySource } from '../../app/domain/discovery';
import type { Security } from '../../app/domain/account';
import { addressParts, rankServers, type OAuthProviderEndpoints } from './types';

/** How a provider wants the user name: the whole address or the part before the @. */
export type UsernameForm = 'address' | 'localpart';

export interface ServerTemplate {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  security: Security;
  username: UsernameForm;
}

export interface ProviderEntry {
  id: string;
  name: string;
  /** The provider's own mail domains. */
  domains: string[];
  /** Suffixes of the provider's MX hosts: a custom domain hosted there is found by its MX. */
  mxSuffixes: string[];
  servers: ServerTemplate[];
  auth: DiscoveredAuth;
  /** OAuth 2 endpoints and scopes (public facts). The client id is the distributor's configuration. */
  oauth?: Omit<OAuthProviderEndpoints, 'providerId'>;
}

const imap = (host: string, username: UsernameForm = 'address'): ServerTemplate => ({ protocol: 'imap', host, port: 993, security: 'tls', username });
const pop3 = (host: string, username: UsernameForm = 'address'): ServerTemplate => ({ protocol: 'pop3', host, port: 995, security: 'tls', username });
const smtps = (host: string, username: UsernameForm = 'address'): ServerTemplate => ({ protocol: 'smtp', host, port: 465, security: 'tls', username });
const submission = (host: string, username: UsernameForm = 'address'): ServerTemplate => ({ protocol: 'smtp', host, port: 587, security: 'starttls', username });

/**
 * The bundled provider table: the large providers, and the German ones our users have most. Host
 * names, ports and OAuth endpoints are what the providers publish in their help pages (and what
 * Thunderbird's ISPDB lists); checked 2026-12.
 */
export const PROVIDERS: readonly ProviderEntry[] = [
  {
    id: 'google',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    mxSuffixes: ['google.com', 'googlemail.com', 'smtp.goog'],
    servers: [imap('imap.gmail.com'), pop3('pop.gmail.com'), smtps('smtp.gmail.com'), submission('smtp.gmail.com')],
    auth: 'oauth2',
    oauth: {
      authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
      tokenEndpoint: 'https://oauth2.googleapis.com/token',
      revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
      scopes: ['https://mail.google.com/'],
      // Google hands out a refresh token only for offline access, and again only with consent.
      extraAuthParams: { access_type: 'offline', prompt: 'consent' },
    },
  },
  {
    id: 'microsoft',
    name: 'Outlook.com / Microsoft 365',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'outlook.de', 'hotmail.de', 'live.de', 'hotmail.co.uk', 'live.co.uk'],
    mxSuffixes: ['mail.protection.outlook.com', 'olc.protection.outlook.com'],
    servers: [imap('outlook.office365.com'), pop3('outlook.office365.com'), submission('smtp.office365.com')],
    auth: 'oauth2',
    oauth: {
      authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/POP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'],
    },
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    domains: ['yahoo.com', 'yahoo.de', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'rocketmail.com'],
    mxSuffixes: ['yahoodns.net'],
    servers: [imap('imap.mail.yahoo.com'), pop3('pop.mail.yahoo.com'), smtps('smtp.mail.yahoo.com'), submission('smtp.mail.yahoo.com')],
    auth: 'oauth2',
    oauth: {
      authorizationEndpoint: 'https://api.login.yahoo.com/oauth2/request_auth',
      tokenEndpoint: 'https://api.login.yahoo.com/oauth2/get_token',
      scopes: ['mail-w'],
    },
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxSuffixes: ['mail.icloud.com'],
    // iCloud: IMAP takes the name before the @, SMTP the whole address; an app-specific password. No POP3.
    servers: [imap('imap.mail.me.com', 'localpart'), submission('smtp.mail.me.com')],
    auth: 'password',
  },
  {
    id: 'gmx',
    name: 'GMX',
    domains: ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.eu'],
    mxSuffixes: ['gmx.net'],
    servers: [imap('imap.gmx.net'), pop3('pop.gmx.net'), smtps('mail.gmx.net'), submission('mail.gmx.net')],
    auth: 'password',
  },
  {
    id: 'webde',
    name: 'WEB.DE',
    domains: ['web.de'],
    mxSuffixes: ['web.de'],
    servers: [imap('imap.web.de'), pop3('pop3.web.de'), submission('smtp.web.de')],
    auth: 'password',
  },
  {
    id: 't-online',
    name: 'T-Online',
    domains: ['t-online.de', 'magenta.de'],
    mxSuffixes: ['t-online.de'],
    servers: [imap('secureimap.t-online.de'), pop3('securepop.t-online.de'), smtps('securesmtp.t-online.de'), submission('securesmtp.t-online.de')],
    auth: 'password',
  },
  {
    id: 'posteo',
    name: 'Posteo',
    domains: ['posteo.de', 'posteo.net', 'posteo.at', 'posteo.ch', 'posteo.eu', 'posteo.org', 'posteo.com'],
    mxSuffixes: ['posteo.de'],
    servers: [imap('posteo.de'), pop3('posteo.de'), smtps('posteo.de'), submission('posteo.de')],
    auth: 'password',
  },
  {
    id: 'mailbox-org',
    name: 'mailbox.org',
    domains: ['mailbox.org'],
    mxSuffixes: ['mailbox.org'],
    servers: [imap('imap.mailbox.org'), pop3('pop3.mailbox.org'), smtps('smtp.mailbox.org'), submission('smtp.mailbox.org')],
    auth: 'password',
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.de', 'messagingengine.com'],
    mxSuffixes: ['messagingengine.com'],
    // Fastmail's OAuth is for clients it has registered; everyone else uses an app password.
    servers: [imap('imap.fastmail.com'), pop3('pop.fastmail.com'), smtps('smtp.fastmail.com'), submission('smtp.fastmail.com')],
    auth: 'password',
  },
  {
    id: 'freenet',
    name: 'freenet Mail',
    domains: ['freenet.de'],
    mxSuffixes: ['freenet.de'],
    servers: [imap('mx.freenet.de'), pop3('mx.freenet.de'), smtps('mx.freenet.de'), submission('mx.freenet.de')],
    auth: 'password',
  },
  {
    id: '1und1',
    name: '1&1 Mail',
    domains: ['online.de', 'onlinehome.de'],
    mxSuffixes: ['1und1.de'],
    servers: [imap('imap.1und1.de'), pop3('pop.1und1.de'), submission('smtp.1und1.de')],
    auth: 'password',
  },
  {
    id: 'ionos',
    name: 'IONOS (1&1 hosting)',
    domains: ['ionos.de'],
    // Customer domains hosted at IONOS have MX mx00.ionos.de / mx01.ionos.de (older ones kundenserver.de).
    mxSuffixes: ['ionos.de', 'kundenserver.de'],
    servers: [imap('imap.ionos.de'), pop3('pop.ionos.de'), smtps('smtp.ionos.de'), submission('smtp.ionos.de')],
    auth: 'password',
  },
];

const byDomain = new Map(PROVIDERS.flatMap((provider) => provider.domains.map((domain) => [domain, provider] as const)));

export function providerById(id: string): ProviderEntry | undefined {
  return PROVIDERS.find((provider) => provider.id === id);
}

export function providerForDomain(domain: string): ProviderEntry | undefined {
  return byDomain.get(domain.toLowerCase().replace(/\.$/, ''));
}

/** The provider whose MX host this is: 'alt1.gmail-smtp-in.l.google.com' ends in '.google.com'. */
export function providerForMx(mxHost: string): ProviderEntry | undefined {
  const host = mxHost.toLowerCase().replace(/\.$/, '');
  return PROVIDERS.find((provider) => provider.mxSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`)));
}

export function oauthEndpoints(provider: ProviderEntry): OAuthProviderEndpoints | undefined {
  return provider.oauth ? { providerId: provider.id, ...provider.oauth } : undefined;
}

/** The provider's settings for one address. */
export function settingsFromProvider(provider: ProviderEntry, address: string, source: DiscoverySource, origin: string): DiscoveredSettings {
  const parts = addressParts(address);
  const servers: DiscoveredServer[] = provider.servers.map((template) => ({
    protocol: template.protocol,
    host: template.host,
    port: template.port,
    security: template.security,
    username: template.username === 'localpart' ? parts.localPart : parts.address,
    auth: provider.auth,
  }));
  const settings: DiscoveredSettings = {
    source,
    origin,
    providerName: provider.name,
    incoming: rankServers(servers.filter((server) => server.protocol !== 'smtp')),
    outgoing: rankServers(servers.filter((server) => server.protocol === 'smtp')),
    auth: provider.auth,
  };
  const oauth = oauthEndpoints(provider);
  if (oauth) settings.oauth = oauth;
  return settings;
}
