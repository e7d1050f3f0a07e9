import type { Pop3Connection } from '../connection';
import { parseStatusLine } from '../status-line';
import { listingLines } from './expect-ok';

/** RFC 2449 capabilities, with the ones Postbote acts on parsed. */
export interface Pop3Capabilities {
  lines: string[];
  /** Empty when the server has no CAPA (RFC 1939-only servers); then USER, UIDL and TOP are tried. */
  supported: boolean;
  stls: boolean;
  user: boolean;
  uidl: boolean;
  top: boolean;
  pipelining: boolean;
  respCodes: boolean;
  authRespCode: boolean;
  sasl: string[];
  /** `EXPIRE NEVER`, `EXPIRE 30`: how long the server keeps mail that was retrieved. */
  expire?: string;
  /** Seconds the server wants between logins. */
  loginDelaySeconds?: number;
}

export function parseCapabilities(lines: string[], supported = true): Pop3Capabilities {
  const words = new Map(lines.map((line) => {
    const [name = '', ...args] = line.trim().split(/\s+/);
    return [name.toUpperCase(), args] as const;
  }));
  const capabilities: Pop3Capabilities = {
    lines,
    supported,
    stls: words.has('STLS'),
    user: words.has('USER'),
    uidl: words.has('UIDL'),
    top: words.has('TOP'),
    pipelining: words.has('PIPELINING'),
    respCodes: words.has('RESP-CODES'),
    authRespCode: words.has('AUTH-RESP-CODE'),
    sasl: (words.get('SASL') ?? []).map((m) => m.toUpperCase()),
  };
  const expire = words.get('EXPIRE');
  if (expire) capabilities.expire = expire.join(' ');
  const delay = Number(words.get('LOGIN-DELAY')?.[0]);
  if (Number.isFinite(delay)) capabilities.loginDelaySeconds = delay;
  return capabilities;
}

export async function capa(connection: Pop3Connection): Promise<Pop3Capabilities> {
  const response = await connection.command('CAPA', 'multi');
  if (!parseStatusLine(response.status).ok) return parseCapabilities([], false);
  return parseCapabilities(listingLines(response));
}
