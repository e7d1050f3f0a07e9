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
      auth: { user: server.username, pass: request.password },
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
      await withDeadline(client.connect(), request.timeoutMs * 2, 'IMAP login', () => client.close());
      if (client.greeting) findings.greeting = client.greeting;
      findings.capabilities = [...client.capabilities.keys()];
      findings.authMechanisms = findings.capabilities.filter((c) => c.startsWith('AUTH=')).map((c) => c.slice(5));
      const socket = (client as unknown as { socket?: unknown }).socket;
      if (socket instanceof tls.TLSSocket) findings.tls = describeTls(socket);
      if (request.withFolders) findings.folders = await withDeadline(listFolderStatus(client), request.timeoutMs * 4, 'IMAP folder list', () => client.close());
      await withDeadline(client.logout(), request.timeoutMs, 'IMAP logout', () => client.close());
    } catch (error) {
      client.close();
      throw imapError(error, server);
    }
  });
}
