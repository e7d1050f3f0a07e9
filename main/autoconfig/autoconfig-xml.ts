import { XMLParser } from 'fast-xml-parser';
import type { Security } from '../../app/domain/account';
import type { DiscoveredServer, DiscoverySource } from '../../app/domain/discovery';
import { providerForDomain, oauthEndpoints } from './providers';
import { addressParts, rankServers, type DiscoveredSettings, type OAuthProviderEndpoints } from './types';

/** Thunderbird's autoconfig files are a few KB; anything this large is not one. */
export const MAX_AUTOCONFIG_BYTES = 256 * 1024;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Values stay strings ("0993" is a port, not a number to be reformatted); entities stay the five XML ones.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  isArray: (name) => ['emailProvider', 'incomingServer', 'outgoingServer', 'authentication', 'domain'].includes(name),
});

type Node = Record<string, unknown>;

const text = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') return (value as Node)['#text'] as string;
  return undefined;
};

/** Fills in Thunderbird's placeholders. */
export function fillPlaceholders(template: string, address: string): string {
  const parts = addressParts(address);
  return template
    .replace(/%EMAILADDRESS%/g, parts.address)
    .replace(/%EMAILLOCALPART%/g, parts.localPart)
    .replace(/%EMAILDOMAIN%/g, parts.domain);
}

function security(socketType: string | undefined): Security | undefined {
  switch ((socketType ?? '').trim().toUpperCase()) {
    case 'SSL':
    case 'TLS':
      return 'tls';
    case 'STARTTLS':
      return 'starttls';
    case 'PLAIN':
      return 'none';
    default:
      return undefined;
  }
}

/** What Postbote can log in with: passwords (sent inside TLS) and OAuth 2; GSSAPI, NTLM, client certificates are not offered. */
function authKinds(list: unknown[]): Set<'password' | 'oauth2'> {
  const kinds = new Set<'password' | 'oauth2'>();
  // No <authentication> at all: a password is what Thunderbird assumes.
  if (!list.length) kinds.add('password');
  for (const item of list) {
    const value = (text(item) ?? '').trim().toLowerCase();
    if (value === 'oauth2') kinds.add('oauth2');
    else if (value === 'password-cleartext' || value === 'plain' || value === 'password-encrypted' || value === 'secure') kinds.add('password');
  }
  return kinds;
}

function readServer(node: Node, address: string, kind: 'incoming' | 'outgoing'): (Omit<DiscoveredServer, 'auth'> & { kinds: Set<'password' | 'oauth2'> }) | undefined {
  const type = String(node['@_type'] ?? '').toLowerCase();
  const protocol = kind === 'outgoing' ? (type === 'smtp' ? 'smtp' : undefined) : type === 'imap' || type === 'pop3' ? type : undefined;
  const host = text(node.hostname);
  const port = Number(text(node.port));
  const sec = security(text(node.socketType));
  if (!protocol || !host || !Number.isInteger(port) || port < 1 || port > 65535 || !sec) return undefined;
  const kinds = authKinds((node.authentication as unknown[] | undefined) ?? []);
  if (!kinds.size) return undefined;
  return {
    protocol,
    host: fillPlaceholders(host, address).toLowerCase(),
    port,
    security: sec,
    username: fillPlaceholders(text(node.username) ?? '%EMAILADDRESS%', address),
    kinds,
  };
}

function readOAuth(node: unknown, providerId: string): OAuthProviderEndpoints | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Node;
  const authorizationEndpoint = text(o.authURL);
  const tokenEndpoint = text(o.tokenURL);
  const scope = text(o.scope);
  if (!authorizationEndpoint?.startsWith('https://') || !tokenEndpoint?.startsWith('https://')) return undefined;
  return { providerId, authorizationEndpoint, tokenEndpoint, scopes: (scope ?? '').split(/\s+/).filter(Boolean) };
}

/**
 * Reads a Thunderbird autoconfig file (clientConfig version 1.1) for one address. Returns undefined
 * when it holds no usable incoming and outgoing server. OAuth 2 is chosen only where endpoints are
 * known: from the file's own <oAuth2> element or from the bundled provider table.
 */
export function parseAutoconfigXml(xml: string, address: string, source: DiscoverySource, origin: string): DiscoveredSettings | undefined {
  if (xml.length > MAX_AUTOCONFIG_BYTES) return undefined;
  let document: Node;
  try {
    document = parser.parse(xml) as Node;
  } catch {
    return undefined;
  }
  const config = document.clientConfig as Node | undefined;
  const provider = (config?.emailProvider as Node[] | undefined)?.[0];
  if (!config || !provider) return undefined;
  const domain = addressParts(address).domain;
  const providerId = String(provider['@_id'] ?? domain).toLowerCase();
  const oauth = readOAuth(config.oAuth2, providerId) ?? (() => {
    const known = providerForDomain(domain);
    return known ? oauthEndpoints(known) : undefined;
  })();
  const incoming = ((provider.incomingServer as Node[] | undefined) ?? []).map((n) => readServer(n, address, 'incoming')).filter((s) => s !== undefined);
  const outgoing = ((provider.outgoingServer as Node[] | undefined) ?? []).map((n) => readServer(n, address, 'outgoing')).filter((s) => s !== undefined);
  const all = [...incoming, ...outgoing];
  // OAuth 2 when the provider asks for it everywhere it can and we know its endpoints; else passwords.
  const auth = oauth && all.length && all.every((s) => s.kinds.has('oauth2')) ? 'oauth2' : 'password';
  const usable = (list: typeof all) => list.filter((s) => s.kinds.has(auth)).map(({ kinds: _kinds, ...server }): DiscoveredServer => ({ ...server, auth }));
  const settings: DiscoveredSettings = {
    source,
    origin,
    incoming: rankServers(usable(incoming)),
    outgoing: rankServers(usable(outgoing)),
    auth,
  };
  if (!settings.incoming.length || !settings.outgoing.length) return undefined;
  const name = text(provider.displayName);
  if (name) settings.providerName = name;
  if (auth === 'oauth2' && oauth) settings.oauth = oauth;
  return settings;
}
