import type { ServerSettings } from '../../app/domain/account';
import type { TlsInfo } from '../../app/domain/connection';
import { PostboteError } from '../../app/errors';
import { tlsOptionsFor } from '../net/tls';
import type { Transcript } from '../transcript';
import { apop, apopTimestamp } from './commands/apop';
import { authenticate, type SaslMechanism } from './commands/auth-sasl';
import { capa, type Pop3Capabilities } from './commands/capa';
import { expectOk } from './commands/expect-ok';
import { stls } from './commands/stls';
import { userPass } from './commands/user-pass';
import { Pop3Connection } from './connection';
import type { FramerLimits } from './framer';

export type Pop3AuthMethod = 'auto' | 'user' | 'apop' | SaslMechanism;

export interface Pop3LoginOptions {
  server: ServerSettings;
  /** Password, or the OAuth access token with `authMethod: 'XOAUTH2'`. */
  secret: string;
  transcript: Transcript;
  accountId?: string;
  timeoutMs?: number;
  authMethod?: Pop3AuthMethod;
  limits?: Partial<FramerLimits>;
}

export interface Pop3Session {
  connection: Pop3Connection;
  greeting: string;
  capabilities: Pop3Capabilities;
  tls?: TlsInfo;
}

function chooseMethod(wanted: Pop3AuthMethod, capabilities: Pop3Capabilities, greeting: string): Exclude<Pop3AuthMethod, 'auto'> {
  if (wanted !== 'auto') return wanted;
  if (capabilities.sasl.includes('PLAIN')) return 'PLAIN';
  if (capabilities.user || !capabilities.supported) return 'user';
  if (capabilities.sasl.includes('LOGIN')) return 'LOGIN';
  if (apopTimestamp(greeting)) return 'apop';
  return 'user';
}

async function logIn(session: Pop3Session, options: Pop3LoginOptions): Promise<void> {
  const { connection, capabilities, greeting } = session;
  const { username } = options.server;
  // An account whose secret is an OAuth access token logs in with OAUTHBEARER (RFC 7628) where offered, else XOAUTH2.
  const oauth = options.server.authMethod === 'xoauth2' ? (capabilities.sasl.includes('OAUTHBEARER') ? 'OAUTHBEARER' : 'XOAUTH2') : 'auto';
  const method = chooseMethod(options.authMethod ?? oauth, capabilities, greeting);
  if (method === 'user') return userPass(connection, username, options.secret);
  if (method === 'apop') {
    const timestamp = apopTimestamp(greeting);
    if (!timestamp) throw new PostboteError({ code: 'PROTOCOL_ERROR', message: 'The POP3 server does not offer APOP (no timestamp in its greeting).', protocol: 'pop3', serverText: greeting });
    return apop(connection, username, options.secret, timestamp);
  }
  return authenticate(connection, method, username, options.secret);
}

/**
 * Connects, reads the greeting and capabilities, secures the connection as the settings demand
 * (implicit TLS, or STLS which must then be offered — never a silent fall back to plain text), and
 * logs in. The caller owns the returned connection and ends it with QUIT or close().
 */
export async function openPop3Session(options: Pop3LoginOptions): Promise<Pop3Session> {
  const { server } = options;
  const transcript = options.transcript.openSession({
    protocol: 'pop3',
    host: server.host,
    port: server.port,
    username: server.username,
    secrets: [options.secret],
    ...(options.accountId ? { accountId: options.accountId } : {}),
  });
  const connection = await Pop3Connection.open({
    host: server.host,
    port: server.port,
    implicitTls: server.security === 'tls',
    tlsOptions: tlsOptionsFor(server),
    timeoutMs: options.timeoutMs ?? 30_000,
    transcript,
    ...(options.limits ? { limits: options.limits } : {}),
  }).catch((error: unknown) => {
    transcript.close('could not connect');
    throw error;
  });
  try {
    const greeting = expectOk(await connection.greeting(), 'greeting', 'The POP3 server refused the connection.').line;
    let capabilities = await capa(connection);
    if (server.security === 'starttls') {
      if (capabilities.supported && !capabilities.stls) {
        throw new PostboteError({ code: 'STARTTLS_UNAVAILABLE', message: 'The POP3 server does not offer STLS, so the password would travel unencrypted. Postbote did not send it.', protocol: 'pop3' });
      }
      await stls(connection);
      capabilities = await capa(connection);
    }
    const session: Pop3Session = { connection, greeting, capabilities };
    const tls = connection.tls;
    if (tls) session.tls = tls;
    await logIn(session, options);
    // RFC 2449: capabilities may change after login (e.g. PIPELINING, EXPIRE per user).
    session.capabilities = await capa(connection);
    return session;
  } catch (error) {
    if (error instanceof PostboteError) error.transcriptSession = transcript.id;
    connection.close('closed after an error');
    throw error;
  }
}
