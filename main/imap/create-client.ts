import { ImapFlow } from 'imapflow';
import type { ServerSettings } from '../../app/domain/account';
import { tlsOptionsFor } from '../net/tls';
import type { TranscriptSession } from '../transcript';
import { keepingFailures } from './command-outcome';
import { imapTranscriptLogger } from './transcript-logger';

/** An imapflow client for one server, logging into the transcript, with QRESYNC asked for. */
export function createImapClient(server: ServerSettings, password: string, session: TranscriptSession, timeoutMs: number, options: { idle?: boolean } = {}): ImapFlow {
  let client: ImapFlow | undefined = undefined;
  const logger = keepingFailures(imapTranscriptLogger(session), () => client);
  client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    doSTARTTLS: server.security === 'starttls' ? true : server.security === 'none' ? false : undefined,
    // xoauth2: the secret is an access token; imapflow then uses AUTHENTICATE OAUTHBEARER or XOAUTH2, whichever the server offers.
    auth: server.authMethod === 'xoauth2' ? { user: server.username, accessToken: password } : { user: server.username, pass: password },
    tls: tlsOptionsFor(server),
    logger: logger as never,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs * 4,
    qresync: true,
    // The command connection never idles; the watcher's connection idles whenever it is not polled.
    disableAutoIdle: !options.idle,
    clientInfo: { name: 'Postbote', vendor: 'Postbote' },
  });
  // Errors surface through the command that was running; without a listener they would crash main.
  client.on('error', () => undefined);
  return client;
}
