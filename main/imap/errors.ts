import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';

interface ImapFailure {
  code?: string;
  message?: string;
  responseText?: string;
  responseStatus?: string;
  serverResponseCode?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  response?: unknown;
  reason?: string;
}

/** RFC 5530 and RFC 3501 response codes an IMAP server may put in a NO; the explanation table covers each. */
export const imapKnownResponseCodes = [
  'AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED', 'CONTACTADMIN', 'UNAVAILABLE', 'NOPERM', 'INUSE',
  'EXPUNGEISSUED', 'CORRUPTION', 'SERVERBUG', 'CLIENTBUG', 'CANNOT', 'LIMIT', 'OVERQUOTA', 'ALREADYEXISTS', 'NONEXISTENT', 'TRYCREATE', 'ALERT',
] as const;

/** Maps what imapflow throws to a typed error with the server's own words where it gave any. */
export function imapError(error: unknown, where: { host: string; port: number }): PostboteError {
  if (error instanceof PostboteError) return error;
  const failure = (error ?? {}) as ImapFailure;
  // `response` is the server's whole tagged line (with its [CODE]); responseText lacks the code.
  const serverText = (typeof failure.response === 'string' ? failure.response : undefined) ?? failure.responseText ?? failure.reason;
  const withServer = (code: PostboteError['code'], message: string) =>
    new PostboteError(
      { code, message, protocol: 'imap', ...(serverText ? { serverText } : {}), ...(failure.serverResponseCode ? { details: { responseCode: failure.serverResponseCode } } : {}) },
      { cause: error },
    );
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return withServer('AUTH_FAILED', 'The IMAP server did not accept the user name or password.');
  }
  if (/STARTTLS/i.test(failure.message ?? '') && (failure.code === 'MissingServerExtension' || /not (supported|advertised|available)|does not support/i.test(failure.message ?? ''))) {
    return withServer('STARTTLS_UNAVAILABLE', 'The IMAP server does not offer STARTTLS, so the password would travel unencrypted. Postbote did not send it.');
  }
  const network = networkError(error, { protocol: 'imap', ...where });
  if (network) return network;
  if (failure.tlsFailed) return withServer('TLS_FAILED', `A secure connection to the IMAP server could not be set up: ${failure.message ?? 'unknown TLS error'}`);
  if (failure.code === 'NoConnection' || failure.code === 'EConnectionClosed') {
    return withServer('CONNECTION_CLOSED', 'The IMAP server closed the connection.');
  }
  if (failure.responseStatus === 'NO' || failure.responseStatus === 'BAD') {
    return withServer('SERVER_ERROR', `The IMAP server refused the command${serverText ? `: ${serverText}` : '.'}`);
  }
  return withServer('PROTOCOL_ERROR', `The IMAP conversation failed: ${failure.message ?? String(error)}`);
}
