import { PostboteError, type ErrorCode, type Protocol } from '../../app/errors';

const TLS_UNTRUSTED_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

interface Where {
  protocol: Protocol;
  host: string;
  port: number;
}

function findCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    // nodemailer wraps socket errors as ESOCKET and keeps Node's own code in originalCode.
    const code = (e as { originalCode?: unknown }).originalCode ?? (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'ESOCKET' && code !== 'ECONNECTION' && code !== 'NoConnection') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Turns what Node's sockets and TLS throw into words a user understands. Returns undefined for
 * errors that are not about the network, so protocol layers can map their own.
 */
export function networkError(error: unknown, where: Where): PostboteError | undefined {
  if (error instanceof PostboteError) return error;
  const code = findCode(error);
  const at = `${where.host}:${where.port}`;
  const make = (c: ErrorCode, message: string, details?: Record<string, unknown>) =>
    new PostboteError(
      { code: c, message, protocol: where.protocol, details: { cause: messageOf(error), ...(code ? { systemCode: code } : {}), ...details } },
      { cause: error },
    );
  switch (code) {
    case 'ECONNREFUSED':
      return make('CONNECTION_REFUSED', `Nothing accepts connections at ${at}. Check the server name and port, and whether the server is running.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return make('HOST_NOT_FOUND', `The server name ${where.host} could not be found. Check its spelling and your network connection.`);
    case 'ETIMEDOUT':
    case 'ETIMEOUT':
    case 'GREETING_TIMEOUT':
    case 'CONNECT_TIMEOUT':
      return make('TIMEOUT', `The server at ${at} did not answer in time.`);
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ERR_SOCKET_CLOSED':
    case 'ClosedAfterConnectTLS':
    case 'ClosedAfterConnectText':
      return make('CONNECTION_CLOSED', `The server at ${at} closed the connection unexpectedly.`);
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return make('TLS_EXPIRED', `The certificate of ${where.host} is expired or not yet valid, so the connection is not safe.`);
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return make('TLS_HOSTNAME_MISMATCH', `The certificate presented at ${at} belongs to another server name, so the connection is not safe.`);
  }
  if (code && TLS_UNTRUSTED_CODES.has(code)) {
    return make('TLS_UNTRUSTED', `The certificate of ${where.host} is not signed by an authority this computer trusts (it may be self-signed). Trust it only if you know it is the right one.`);
  }
  if (code && (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code === 'ETLS')) {
    return make('TLS_FAILED', `A secure connection to ${at} could not be set up: ${messageOf(error)}`);
  }
  return undefined;
}
