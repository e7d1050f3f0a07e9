/**
 * Every failure that crosses the process boundary is a PostboteError: a stable code the UI can
 * branch on, a sentence a user understands, and — for protocol failures — the server's own words.
 */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_REQUEST',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'AUTH_FAILED',
  'CONNECTION_REFUSED',
  'HOST_NOT_FOUND',
  'TIMEOUT',
  'CONNECTION_CLOSED',
  'TLS_UNTRUSTED',
  'TLS_HOSTNAME_MISMATCH',
  'TLS_EXPIRED',
  'TLS_FAILED',
  'STARTTLS_UNAVAILABLE',
  'RECIPIENT_REFUSED',
  'MESSAGE_TOO_LARGE',
  'SEND_UNCLEAR',
  'PROTOCOL_ERROR',
  'SERVER_ERROR',
  'UNSUPPORTED_BY_SERVER',
  'SECRET_STORAGE_UNAVAILABLE',
  'SIGN_IN_AGAIN',
  'OAUTH_NOT_CONFIGURED',
  'SETTINGS_NOT_FOUND',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type Protocol = 'imap' | 'pop3' | 'smtp';

/** The plain-object form that travels over IPC and the bridge. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** The server's own response line(s), verbatim, when a server said something. */
  serverText?: string;
  protocol?: Protocol;
  /** Transcript session the failure happened in, so the UI can show the conversation. */
  transcriptSession?: string;
  /** Structured extras, e.g. the offending certificate for TLS_UNTRUSTED or the field errors for INVALID_INPUT. */
  details?: Record<string, unknown>;
}

export class PostboteError extends Error implements ErrorInfo {
  readonly code: ErrorCode;
  readonly serverText?: string;
  readonly protocol?: Protocol;
  transcriptSession?: string;
  readonly details?: Record<string, unknown>;

  constructor(info: ErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.name = 'PostboteError';
    this.code = info.code;
    if (info.serverText !== undefined) this.serverText = info.serverText;
    if (info.protocol !== undefined) this.protocol = info.protocol;
    if (info.transcriptSession !== undefined) this.transcriptSession = info.transcriptSession;
    if (info.details !== undefined) this.details = info.details;
  }

  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.serverText !== undefined) info.serverText = this.serverText;
    if (this.protocol !== undefined) info.protocol = this.protocol;
    if (this.transcriptSession !== undefined) info.transcriptSession = this.transcriptSession;
    if (this.details !== undefined) info.details = this.details;
    return info;
  }

  static from(info: ErrorInfo): PostboteError {
    return new PostboteError(info);
  }
}

export function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).code === 'string' &&
    typeof (value as ErrorInfo).message === 'string'
  );
}

/**
 * Network trouble: the server could not be reached or the connection broke. Trying again later
 * may work, so the work waits (outbox, pending operations, a POP3 check) instead of failing.
 * The one list main and the renderer share.
 */
export const TRANSIENT_ERROR_CODES: readonly ErrorCode[] = ['CONNECTION_REFUSED', 'HOST_NOT_FOUND', 'TIMEOUT', 'CONNECTION_CLOSED'];

export function isTransientError(code: string): boolean {
  return (TRANSIENT_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Whether a queued IMAP operation that failed so stays queued: network trouble, a TLS handshake
 * that failed on the way, or our own fault — none of these is the server refusing the change.
 */
export function keepsOperationQueued(code: string): boolean {
  return isTransientError(code) || code === 'TLS_FAILED' || code === 'INTERNAL';
}
