import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import type { ServerSettings } from '../../app/domain/account';
import { tlsOptionsFor } from '../net/tls';

/** The account's security as nodemailer options: 465 implicit TLS, STARTTLS required (never skipped for plain), or plain for loopback testing. */
export function securityOptions(server: ServerSettings): Pick<SMTPConnectionOptions, 'host' | 'port' | 'secure' | 'requireTLS' | 'ignoreTLS' | 'tls'> {
  return {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    tls: tlsOptionsFor(server),
  };
}

/** nodemailer's callback style as a promise. */
export function callback<T = void>(start: (done: (error: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value as T))));
}

/** nodemailer reports failures outside a send as 'error' events, not through the callbacks: race every step against this. */
export function connectionFailure(connection: SMTPConnection): Promise<never> {
  const failed = new Promise<never>((_, reject) => connection.on('error', reject));
  failed.catch(() => undefined);
  return failed;
}
