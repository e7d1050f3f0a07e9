import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';

interface SmtpFailure {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  command?: string;
}

/** Reply and enhanced status codes a submission server answers with; the explanation table covers each. */
export const smtpKnownReplyCodes = ['421', '450', '451', '452', '454', '500', '501', '502', '503', '504', '530', '534', '535', '538', '550', '551', '552', '553', '554', '555'] as const;
export const smtpKnownEnhancedCodes = ['5.7.8', '5.7.0', '5.7.1', '5.7.9', '5.7.11', '5.7.26', '5.3.4', '5.2.2', '5.2.3', '5.1.1', '5.1.2', '5.1.3', '5.1.8', '5.5.2', '4.7.0', '4.7.1', '4.2.2', '4.3.1', '4.4.2'] as const;

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
