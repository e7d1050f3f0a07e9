import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import type { ServerProbe } from '../../app/domain/connection';
import { runProbe, type ProbeRequest } from '../net/probe';
import { describeTls, tlsOptionsFor } from '../net/tls';
import { withDeadline } from '../net/deadline';
import { imapError } from './errors';
import { imapTranscriptLogger } from './transcript-logger';
import { listFolderStatus } from './folder-status';

/** Connects, upgrades as the settings demand, logs in, reads capabilities, logs out. */
export function probeImap(request: ProbeRequest): Promise<ServerProbe> {
  const { server } = request;
  return runProbe('imap', request, async (session, findings) => {
    const client = new ImapFlow({
      host: server.host,
      port: server.port,
      secure: server.security === 'tls',
      doSTARTTLS: server.security === 'starttls' ? true : server.security === 'none' ? false : undefined,
      auth: request.login === false ? undefined : server.authMethod === 'xoauth2' ? { user: server.username, accessToken: request.password } : { user: server.username, pass: request.password },
      tls: tlsOptionsFor(server),
      logger: imapTranscriptLogger(session) as never,
      connectionTimeout: request.timeoutMs,
      greetingTimeout: request.timeoutMs,
      socketTimeout: request.timeoutMs,
      disableAutoIdle: true,
      clientInfo: { name: 'Postbote' },
    });
    client.on('error', () => undefined);
    try {
      const connected = withDeadline(client.connect(), request.timeoutMs * 2, 'IMAP login', () => client.close());
      // Without credentials imapflow stops right before the login, after greeting, STARTTLS and CAPABILITY.
      if (request.login === false) await connected.catch((error: unknown) => (client.capabilities.size > 0 && /configure the login/i.test(String((error as Error)?.message)) ? undefined : Promise.reject(error)));
      else await connected;
      if (client.greeting) findings.greeting = client.greeting;
      findings.capabilities = [...client.capabilities.keys()];
      findings.authMechanisms = findings.capabilities.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
      const socket = (client as unknown as { socket?: unknown }).socket;
      if (socket instanceof tls.TLSSocket) findings.tls = describeTls(socket);
      if (request.login === false) return client.close();
      if (request.withFolders) findings.folders = await withDeadline(listFolderStatus(client), request.timeoutMs * 4, 'IMAP folder list', () => client.close());
      await withDeadline(client.logout(), request.timeoutMs, 'IMAP logout', () => client.close());
    } catch (error) {
      client.close();
      throw imapError(error, server);
    }
  });
}
