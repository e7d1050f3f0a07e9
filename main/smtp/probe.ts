import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { ServerProbe } from '../../app/domain/connection';
import { runProbe, type ProbeRequest } from '../net/probe';
import { describeTls } from '../net/tls';
import { withDeadline } from '../net/deadline';
import { smtpAuth } from './credentials';
import { smtpError } from './errors';
import { callback, connectionFailure, securityOptions } from './nodemailer-connection';
import { smtpTranscriptLogger } from './transcript-logger';

/** Connects, upgrades as the settings demand, reads EHLO, authenticates, quits. */
export function probeSmtp(request: ProbeRequest): Promise<ServerProbe> {
  const { server } = request;
  return runProbe('smtp', request, async (session, findings) => {
    const connection = new SMTPConnection({
      ...securityOptions(server),
      connectionTimeout: request.timeoutMs,
      greetingTimeout: request.timeoutMs,
      socketTimeout: request.timeoutMs,
      debug: true,
      logger: smtpTranscriptLogger(session, (line) => {
        findings.greeting ??= line;
      }) as never,
    });
    const failed = connectionFailure(connection);
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
      if (request.login === false) return connection.quit();
      await withDeadline(
        Promise.race([callback((done) => connection.login(smtpAuth(server, request.password), (error) => done(error))), failed]),
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
