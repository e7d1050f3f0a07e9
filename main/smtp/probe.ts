import tls from 'node:tls';
import SMTPConnection, { type SMTPConnectionAuth } from 'nodemailer/lib/smtp-connection';
import type { ServerProbe } from '../../app/domain/connection';
import { runProbe, type ProbeRequest } from '../net/probe';
import { describeTls, tlsOptionsFor } from '../net/tls';
import { withDeadline } from '../net/deadline';
import { smtpAuth } from './credentials';
import { smtpError } from './errors';
import { smtpTranscriptLogger } from './transcript-logger';

function callback<T = void>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** Connects, upgrades as the settings demand, reads EHLO, authenticates, quits. */
export function probeSmtp(request: ProbeRequest): Promise<ServerProbe> {
  const { server } = request;
  return runProbe('smtp', request, async (session, findings) => {
    const connection = new SMTPConnection({
      host: server.host,
      port: server.port,
      secure: server.security === 'tls',
      requireTLS: server.security === 'starttls',
      ignoreTLS: server.security === 'none',
      tls: tlsOptionsFor(server),
      connectionTimeout: request.timeoutMs,
      greetingTimeout: request.timeoutMs,
      socketTimeout: request.timeoutMs,
      debug: true,
      logger: smtpTranscriptLogger(session, (line) => {
        findings.greeting ??= line;
      }) as never,
    });
    // nodemailer reports connection failures as 'error' events, not through the callbacks.
    const failed = new Promise<never>((_, reject) => connection.on('error', reject));
    failed.catch(() => undefined);
    try {
      await withDeadline(
        Promise.race([callback((done) => connection.connect(() => done(null))), failed]),
        request.timeoutMs * 2,
        'SMTP greeting',
        () => connection.close(),
      );
      const internals = connection as unknown as { _supportedExtensions?: string[]; _supportedAuth?: string[]; _socket?: unknown };
      findings.capabilities = [...(internals._supportedExtensions ?? [])];
      findings.authMechanisms = [...(internals._supportedAuth ?? [])];
      if (internals._socket instanceof tls.TLSSocket) findings.tls = describeTls(internals._socket);
      await withDeadline(
        Promise.race([callback((done) => connection.login(smtpAuth(server, request.password) as SMTPConnectionAuth, (error) => done(error))), failed]),
        request.timeoutMs * 2,
        'SMTP login',
        () => connection.close(),
      );
      connection.quit();
    } catch (error) {
      connection.close();
      throw smtpError(error, server);
    }
  });
}
