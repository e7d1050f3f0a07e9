import { ImapFlow } from 'imapflow';
import type { ServerSettings } from '../../app/domain/account';
import { tlsOptionsFor } from '../net/tls';
import type { TranscriptSession } from '../transcript';
import { keepingFailures } from './command-outcome';
import { imapTranscriptLogger } from './transcript-logger';

export interface ImapClientOptions {
  /**
   * The watcher's connection: it re-enters IDLE the moment a command or server response is done
   * (imapflow's default waits 15 s, and mail arriving then is reported only at the next command),
   * and restarts IDLE every `idleRestartMs` (RFC 2177: before the server's 29-minute logout).
   */
  idle?: { restartMs: number; socketTimeoutMs: number };
}

/** An imapflow client for one server, logging into the transcript, with QRESYNC asked for. */
export function createImapClient(server: ServerSettings, password: string, session: TranscriptSession, timeoutMs: number, options: ImapClientOptions = {}): ImapFlow {
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
    // An idling connection is quiet by design: its timeout lies beyond the watchdog's interval, or
    // imapflow would break IDLE with a NOOP every time it expires.
    socketTimeout: options.idle ? options.idle.socketTimeoutMs : timeoutMs * 4,
    qresync: true,
    // The command connection never idles; the watcher's connection idles whenever it is not polled.
    disableAutoIdle: !options.idle,
    ...(options.idle ? { autoIdleDelay: 0, maxIdleTime: options.idle.restartMs } : {}),
    clientInfo: { name: 'Postbote', vendor: 'Postbote' },
  });
  // Errors surface through the command that was running; without a listener they would crash main.
  client.on('error', () => undefined);
  return client;
}
