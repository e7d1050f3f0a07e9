import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';

interface SmtpFailure {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** Maps nodemailer's errors to typed errors carrying the server's reply verbatim. */
export function smtpError(error: unknown, where: { host: string; port: number }): PostboteError {
  if (error instanceof PostboteError) return error;
  const failure = (error ?? {}) as SmtpFailure;
  const serverText = failure.response;
  const make = (code: PostboteError['code'], message: string) =>
    new PostboteError(
      { code, message, protocol: 'smtp', ...(serverText ? { serverText } : {}), ...(failure.responseCode ? { details: { replyCode: failure.responseCode } } : {}) },
      { cause: error },
    );
  if (failure.code === 'EAUTH') return make('AUTH_FAILED', 'The outgoing (SMTP) server did not accept the user name or password.');
  if (failure.code === 'ETLS' && /STARTTLS/i.test(failure.message ?? '')) {
    return make('STARTTLS_UNAVAILABLE', 'The outgoing server does not offer STARTTLS, so the password would travel unencrypted. Postbote did not send it.');
  }
  const network = networkError(error, { protocol: 'smtp', ...where });
  if (network) return network;
  if (failure.code === 'ETLS') return make('TLS_FAILED', `A secure connection to the outgoing server could not be set up: ${failure.message ?? ''}`);
  if (failure.code === 'EGREETING' || failure.code === 'ETIMEDOUT') return make('TIMEOUT', 'The outgoing server did not answer in time.');
  if (failure.responseCode && failure.responseCode >= 400) {
    return make('SERVER_ERROR', `The outgoing server refused${failure.command ? ` ${failure.command}` : ''}: ${serverText ?? failure.message ?? ''}`);
  }
  return make('PROTOCOL_ERROR', `The SMTP conversation failed: ${failure.message ?? String(error)}`);
}
