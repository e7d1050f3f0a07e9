import { isTransientError, PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';

interface SmtpFailure {
  code?: string;
  message?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  rejectedErrors?: { recipient?: string; response?: string }[];
}

/** Reply and enhanced status codes a submission server answers with; the explanation table covers each. */
export const smtpKnownReplyCodes = ['421', '450', '451', '452', '454', '500', '501', '502', '503', '504', '530', '534', '535', '538', '550', '551', '552', '553', '554', '555'] as const;
export const smtpKnownEnhancedCodes = ['5.7.8', '5.7.0', '5.7.1', '5.7.9', '5.7.11', '5.7.26', '5.3.4', '5.2.2', '5.2.3', '5.1.1', '5.1.2', '5.1.3', '5.1.8', '5.5.2', '4.7.0', '4.7.1', '4.2.2', '4.3.1', '4.4.2'] as const;

/** Whether trying again later may help: the mapping says so, or the kind of failure does (a deadline that passed, a broken link). */
export const isTemporary = (error: PostboteError): boolean => (typeof error.details?.temporary === 'boolean' ? error.details.temporary : isTransientError(error.code));

export interface RefusedRecipient {
  address: string;
  serverText: string;
}

export function recipientsRefused(refused: RefusedRecipient[]): PostboteError {
  const temporary = refused.every((r) => r.serverText.startsWith('4'));
  return new PostboteError({
    code: 'RECIPIENT_REFUSED',
    message: `The outgoing server refused ${refused.map((r) => r.address).join(', ')}, so the message was not sent to anyone.`,
    protocol: 'smtp',
    serverText: refused.map((r) => r.serverText).join('\n'),
    details: { refused, temporary, replyCode: Number(refused[0]?.serverText.slice(0, 3)) || undefined },
  });
}

export function tooLarge(size: number, limit: number, serverText?: string): PostboteError {
  const human = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);
  return new PostboteError({
    code: 'MESSAGE_TOO_LARGE',
    message: `The message is ${human(size)} with its attachments (encoded for sending); the outgoing server accepts at most ${human(limit)}.`,
    protocol: 'smtp',
    ...(serverText ? { serverText } : {}),
    details: { size, limit, temporary: false },
  });
}

/** Maps nodemailer's errors to typed errors carrying the server's reply verbatim and whether trying later may help. */
export function smtpError(error: unknown, where: { host: string; port: number }): PostboteError {
  if (error instanceof PostboteError) return error;
  const failure = (error ?? {}) as SmtpFailure;
  const serverText = failure.response;
  const temporaryReply = Boolean(failure.responseCode && failure.responseCode >= 400 && failure.responseCode < 500);
  const make = (code: PostboteError['code'], message: string, temporary = temporaryReply) =>
    new PostboteError(
      {
        code,
        message,
        protocol: 'smtp',
        ...(serverText ? { serverText } : {}),
        details: { temporary, ...(failure.responseCode ? { replyCode: failure.responseCode } : {}), ...(failure.command ? { command: failure.command } : {}) },
      },
      { cause: error },
    );
  if (failure.code === 'EAUTH') return make('AUTH_FAILED', 'The outgoing (SMTP) server did not accept the user name or password.');
  if (failure.code === 'ETLS' && /STARTTLS/i.test(failure.message ?? '')) {
    return make('STARTTLS_UNAVAILABLE', 'The outgoing server does not offer STARTTLS, so the password would travel unencrypted. Postbote did not send it.', false);
  }
  if (failure.code === 'EENVELOPE' && failure.command === 'RCPT TO') {
    const refused = (failure.rejectedErrors ?? []).map((r) => ({ address: r.recipient ?? '', serverText: r.response ?? '' }));
    return recipientsRefused(refused.length ? refused : [{ address: 'every recipient', serverText: serverText ?? '' }]);
  }
  if (/\b5\.3\.4\b/.test(serverText ?? '') || (failure.responseCode === 552 && !/\b5\.2\.2\b/.test(serverText ?? ''))) {
    return make('MESSAGE_TOO_LARGE', `The outgoing server refused the message as too large: ${serverText ?? ''}`, false);
  }
  const network = networkError(error, { protocol: 'smtp', ...where });
  if (network) return new PostboteError({ ...network.toInfo(), details: { ...network.details, temporary: isTransientError(network.code) } }, { cause: error });
  if (failure.code === 'ETLS') return make('TLS_FAILED', `A secure connection to the outgoing server could not be set up: ${failure.message ?? ''}`, false);
  if (failure.code === 'EGREETING' || failure.code === 'ETIMEDOUT') return make('TIMEOUT', 'The outgoing server did not answer in time.', true);
  // A connection that broke mid-reply leaves a partial line behind ("25"): that is a broken link, not an answer.
  if (failure.code === 'ECONNECTION' && !(failure.responseCode && failure.responseCode >= 400)) return make('CONNECTION_CLOSED', `The outgoing server closed the connection: ${failure.message ?? ''}`, true);
  if (failure.responseCode && failure.responseCode >= 400) {
    return make('SERVER_ERROR', `The outgoing server refused${failure.command ? ` ${failure.command}` : ''}: ${serverText ?? failure.message ?? ''}`);
  }
  return make('PROTOCOL_ERROR', `The SMTP conversation failed: ${failure.message ?? String(error)}`, false);
}
