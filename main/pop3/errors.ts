import { isTransientError, PostboteError, type ErrorCode } from '../../app/errors';
import type { StatusLine } from './status-line';

interface CodeMeaning {
  code: ErrorCode;
  message: string;
  temporary: boolean;
}

/** RFC 2449 and RFC 3206 response codes, in words. */
const responseCodeMeanings: Record<string, CodeMeaning> = {
  'IN-USE': { code: 'SERVER_ERROR', message: 'Another program is using this POP3 mailbox right now. Postbote will try again later.', temporary: true },
  'LOGIN-DELAY': { code: 'SERVER_ERROR', message: 'The POP3 server asks clients to wait longer between logins. Postbote will try again later.', temporary: true },
  'SYS/TEMP': { code: 'SERVER_ERROR', message: 'The POP3 server has a temporary problem. Postbote will try again later.', temporary: true },
  'SYS/PERM': { code: 'SERVER_ERROR', message: 'The POP3 server has a lasting problem with this mailbox; ask your provider.', temporary: false },
  AUTH: { code: 'AUTH_FAILED', message: 'The POP3 server did not accept the user name or password.', temporary: false },
};

/** The response codes this engine maps to words; the explanation table must cover each. */
export const pop3MappedResponseCodes = Object.keys(responseCodeMeanings);

export function pop3ServerError(command: string, status: StatusLine, fallback: string): PostboteError {
  const meaning = status.responseCode ? responseCodeMeanings[status.responseCode] : undefined;
  return new PostboteError({
    code: meaning?.code ?? 'SERVER_ERROR',
    message: meaning?.message ?? fallback,
    protocol: 'pop3',
    serverText: status.line,
    details: { command, temporary: meaning?.temporary ?? false, ...(status.responseCode ? { responseCode: status.responseCode } : {}) },
  });
}

export function pop3ProtocolError(message: string, details?: Record<string, unknown>): PostboteError {
  return new PostboteError({ code: 'PROTOCOL_ERROR', message, protocol: 'pop3', ...(details ? { details } : {}) });
}

/** True for failures that say "try again later" rather than "something is wrong". */
export function isTemporaryPop3Error(error: unknown): boolean {
  if (!(error instanceof PostboteError)) return false;
  if (isTransientError(error.code)) return true;
  return error.details?.temporary === true;
}
