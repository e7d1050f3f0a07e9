import net from 'node:net';
import type tls from 'node:tls';
import type { ServerSettings } from '../../app/domain/account';
import type { CertificateInfo } from '../../app/domain/connection';
import type { Protocol } from '../../app/errors';
import { LineConnection } from './line-connection';

/** The command that asks each protocol's server to switch to TLS, and the reply that agrees. */
const STARTTLS: Record<Protocol, { hello?: string; command: string; agreed: RegExp; greeting: RegExp }> = {
  imap: { command: 'p STARTTLS', agreed: /^p OK/i, greeting: /^\* (OK|PREAUTH)/i },
  pop3: { command: 'STLS', agreed: /^\+OK/, greeting: /^\+OK/ },
  smtp: { hello: 'EHLO postbote.invalid', command: 'STARTTLS', agreed: /^220 /, greeting: /^220 / },
};

/** Reads lines until one matches; the lines before it (continuations, untagged data) are passed over. */
async function lineMatching(connection: LineConnection, pattern: RegExp): Promise<void> {
  while (!pattern.test(await connection.readLine()));
}

/** Greeting, EHLO where the protocol wants one, the STARTTLS command, then TLS on the same socket. */
async function startTls(connection: LineConnection, protocol: Protocol): Promise<void> {
  const steps = STARTTLS[protocol];
  await lineMatching(connection, steps.greeting);
  if (steps.hello) {
    connection.send(steps.hello);
    await lineMatching(connection, /^250 /);
  }
  connection.send(steps.command);
  let answer = await connection.readLine();
  while (answer.startsWith('*')) answer = await connection.readLine();
  if (!steps.agreed.test(answer)) throw new Error(`The server refused to start TLS: ${answer}`);
  await connection.upgrade();
}

/**
 * Fetches the server's certificate without sending any credential and without trusting it, so
 * that a "certificate not trusted" error can show the user what they would be trusting.
 */
export async function peekCertificate(protocol: Protocol, server: ServerSettings, timeoutMs: number): Promise<CertificateInfo | undefined> {
  const tlsOptions: tls.ConnectionOptions = { rejectUnauthorized: false };
  if (!net.isIP(server.host)) tlsOptions.servername = server.host;
  let connection: LineConnection | undefined;
  let expired = false;
  const peek = async () => {
    connection = await LineConnection.open({ protocol, host: server.host, port: server.port, implicitTls: server.security === 'tls', tlsOptions, timeoutMs });
    if (expired) {
      connection.close();
      return undefined;
    }
    if (server.security !== 'tls') await startTls(connection, protocol);
    return connection.tls?.certificate;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      expired = true;
      resolve(undefined);
    }, timeoutMs);
  });
  try {
    return await Promise.race([peek().catch(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
    (connection as LineConnection | undefined)?.close();
  }
}
