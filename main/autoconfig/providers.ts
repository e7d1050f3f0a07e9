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
  /**
   * 'own': only for addresses at the provider's own domains; 'hosted': only for custom domains found
   * by their MX. Microsoft names a different submission host for Outlook.com than for Microsoft 365.
   */
  for?: 'own' | 'hosted';
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
const only = (scope: 'own' | 'hosted', template: ServerTemplate): ServerTemplate => ({ ...template, for: scope });

/**
 * The bundled provider table: the large providers, and the German ones our users have most. Host
 * names, ports and OAuth endpoints are what the providers publish in their help pages and what
 * Thunderbird's ISPDB (github.com/thunderbird/autoconfig, folder ispdb/) lists. Each entry names
 * its sources; checked against them on 2026-12-04.
 */
export const PROVIDERS: readonly ProviderEntry[] = [
  // Sources: ISPDB ispdb/googlemail.com.xml (imap.gmail.com 993, pop.gmail.com 995, smtp.gmail.com 465,
  // OAuth2, scope https://mail.google.com/); Google's XOAUTH2 protocol page (developers.google.com/workspace/gmail/imap/xoauth2-protocol)
  // for the scope; Google's OAuth 2.0 for native apps for the v2 authorization and token endpoints; Google's "IMAP, POP, and
  // SMTP" developer page (developers.google.com/workspace/gmail/imap/imap-smtp, as quoted by mailconfiguration.com): "Use
  // port 465, or port 587 if your client begins with plain text before issuing the STARTTLS command".
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
  // Sources: ISPDB ispdb/hotmail.com.xml (Outlook.com: outlook.office365.com 993/995, SMTP smtp-mail.outlook.com 587
  // STARTTLS, OAuth2) and ispdb/office365.com.xml (Microsoft 365: SMTP smtp.office365.com 587 STARTTLS); scopes from
  // learn.microsoft.com "Authenticate an IMAP, POP or SMTP connection using OAuth" (https://outlook.office.com/IMAP.AccessAsUser.All,
  // POP.AccessAsUser.All, SMTP.Send, offline_access). Fixed 2026-12-04: Outlook.com addresses submitted to smtp.office365.com,
  // ISPDB gives smtp-mail.outlook.com for them.
  {
    id: 'microsoft',
    name: 'Outlook.com / Microsoft 365',
    domains: ['outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'outlook.de', 'hotmail.de', 'live.de', 'hotmail.co.uk', 'live.co.uk'],
    mxSuffixes: ['mail.protection.outlook.com', 'olc.protection.outlook.com'],
    servers: [imap('outlook.office365.com'), pop3('outlook.office365.com'), only('own', submission('smtp-mail.outlook.com')), only('hosted', submission('smtp.office365.com'))],
    auth: 'oauth2',
    oauth: {
      authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
      tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      scopes: ['https://outlook.office.com/IMAP.AccessAsUser.All', 'https://outlook.office.com/POP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'],
    },
  },
  // Sources: ISPDB ispdb/yahoo.com.xml (imap.mail.yahoo.com 993, pop.mail.yahoo.com 995, smtp.mail.yahoo.com 465,
  // OAuth2 scope mail-w, api.login.yahoo.com request_auth/get_token); smtp.mail.yahoo.com 587 with STARTTLS besides 465 per
  // Yahoo's help as summarised by unanswered.io "Yahoo Mail protocols" (the ISPDB lists only 465).
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
  // Sources: ISPDB ispdb/me.com.xml (imap.mail.me.com 993 with %EMAILLOCALPART%, smtp.mail.me.com 587 STARTTLS with
  // the whole address, password; domains me.com, mac.com, icloud.com).
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxSuffixes: ['mail.icloud.com'],
    // iCloud: IMAP takes the name before the @, SMTP the whole address; an app-specific password. No POP3.
    servers: [imap('imap.mail.me.com', 'localpart'), submission('smtp.mail.me.com')],
    auth: 'password',
  },
  // Sources: ISPDB ispdb/gmx.net.xml (imap.gmx.net 993, pop.gmx.net 995, mail.gmx.net 465 and 587, whole address).
  {
    id: 'gmx',
    name: 'GMX',
    domains: ['gmx.de', 'gmx.net', 'gmx.at', 'gmx.ch', 'gmx.eu'],
    mxSuffixes: ['gmx.net'],
    servers: [imap('imap.gmx.net'), pop3('pop.gmx.net'), smtps('mail.gmx.net'), submission('mail.gmx.net')],
    auth: 'password',
  },
  // Sources: ISPDB ispdb/web.de.xml (imap.web.de 993, pop3.web.de 995, smtp.web.de 465 and 587, user name
  // %EMAILLOCALPART%); chatmail/provider-db _providers/web.de.md agrees on the local part. Fixed 2026-12-04: the user name
  // was the whole address and smtp.web.de 465 was missing.
  {
    id: 'webde',
    name: 'WEB.DE',
    domains: ['web.de'],
    mxSuffixes: ['web.de'],
    servers: [imap('imap.web.de', 'localpart'), pop3('pop3.web.de', 'localpart'), smtps('smtp.web.de', 'localpart'), submission('smtp.web.de', 'localpart')],
    auth: 'password',
  },
  // Sources: ISPDB ispdb/t-online.de.xml (secureimap 993, securepop 995, securesmtp 465 and 587, whole address;
  // domains t-online.de, magenta.de).
  {
    id: 't-online',
    name: 'T-Online',
    domains: ['t-online.de', 'magenta.de'],
    mxSuffixes: ['t-online.de'],
    servers: [imap('secureimap.t-online.de'), pop3('securepop.t-online.de'), smtps('securesmtp.t-online.de'), submission('securesmtp.t-online.de')],
    auth: 'password',
  },
  // Sources: ISPDB ispdb/posteo.de.xml (posteo.de for IMAP 993, POP3 995, SMTP 465 and 587, whole address).
  {
    id: 'posteo',
    name: 'Posteo',
    domains: ['posteo.de', 'posteo.net', 'posteo.at', 'posteo.ch', 'posteo.eu', 'posteo.org', 'posteo.com'],
    mxSuffixes: ['posteo.de'],
    servers: [imap('posteo.de'), pop3('posteo.de'), smtps('posteo.de'), submission('posteo.de')],
    auth: 'password',
  },
  // Sources: kb.mailbox.org "E-mail configuration" (imap.mailbox.org 993, pop3.mailbox.org 995, smtp.mailbox.org
  // 465 SSL/TLS and 587 STARTTLS, user name the main address). Not in the ISPDB.
  {
    id: 'mailbox-org',
    name: 'mailbox.org',
    domains: ['mailbox.org'],
    mxSuffixes: ['mailbox.org'],
    servers: [imap('imap.mailbox.org'), pop3('pop3.mailbox.org'), smtps('smtp.mailbox.org'), submission('smtp.mailbox.org')],
    auth: 'password',
  },
  // Sources: fastmail.com/help/technical/servernamesandports.html (imap.fastmail.com 993, pop.fastmail.com 995,
  // smtp.fastmail.com 465, whole address, app password); ISPDB ispdb/messagingengine.com.xml agrees on hosts and ports.
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.de', 'messagingengine.com'],
    mxSuffixes: ['messagingengine.com'],
    // Fastmail's OAuth is for clients it has registered; everyone else uses an app password.
    servers: [imap('imap.fastmail.com'), pop3('pop.fastmail.com'), smtps('smtp.fastmail.com'), submission('smtp.fastmail.com')],
    auth: 'password',
  },
  // Sources: chatmail/provider-db _providers/freenet.de.md (mx.freenet.de IMAP 993, SMTP 465 and 587; POP3/IMAP/SMTP
  // must first be switched on in the freenet web settings); mx.freenet.de for POP3 too per thanh.ch's provider list.
  // Not in the ISPDB; freenet's own help page was not found in the searchable sources.
  {
    id: 'freenet',
    name: 'freenet Mail',
    domains: ['freenet.de'],
    mxSuffixes: ['freenet.de'],
    servers: [imap('mx.freenet.de'), pop3('mx.freenet.de'), smtps('mx.freenet.de'), submission('mx.freenet.de')],
    auth: 'password',
  },
  // Sources: ISPDB ispdb/1und1.de.xml (imap.1und1.de 993, pop.1und1.de 995, smtp.1und1.de 465 and 587, whole address;
  // domains online.de, onlinehome.de and more). Fixed 2026-12-04: smtp.1und1.de 465 was missing.
  {
    id: '1und1',
    name: '1&1 Mail',
    domains: ['online.de', 'onlinehome.de'],
    mxSuffixes: ['1und1.de'],
    servers: [imap('imap.1und1.de'), pop3('pop.1und1.de'), smtps('smtp.1und1.de'), submission('smtp.1und1.de')],
    auth: 'password',
  },
  // Sources: IONOS help (ionos.de/hilfe, quoted by github.com/bohnelang/Linux_Postfix_ionos.de: smtp.ionos.de 587;
  // ionos.fr assistance: pop.ionos.fr / imap.ionos.fr, so pop.ionos.de / imap.ionos.de in Germany). Not in the ISPDB.
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
  const own = provider.domains.includes(parts.domain);
  const fits = (template: ServerTemplate) => !template.for || template.for === (own ? 'own' : 'hosted');
  const servers: DiscoveredServer[] = provider.servers.filter(fits).map((template) => ({
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
