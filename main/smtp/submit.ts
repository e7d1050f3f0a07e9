import SMTPConnection, { type SMTPConnectionSendInfo, type SMTPEnvelope } from 'nodemailer/lib/smtp-connection';
import type { ServerSettings } from '../../app/domain/account';
import type { DeliveryState, Envelope } from '../../app/domain/outgoing';
import { PostboteError } from '../../app/errors';
import { withDeadline } from '../net/deadline';
import type { Transcript } from '../transcript';
import { smtpAuth } from './credentials';
import { ehloName } from './ehlo-name';
import { isTemporary, recipientsRefused, smtpError, tooLarge } from './errors';
import { messageStream } from './message-stream';
import { callback, connectionFailure, securityOptions } from './nodemailer-connection';
import { openSocket } from './open-socket';
import { smtpTranscriptLogger } from './transcript-logger';

export interface SubmitRequest {
  server: ServerSettings;
  secret: string;
  raw: Uint8Array;
  envelope: Envelope;
  messageId: string;
  /** DSN NOTIFY=SUCCESS as well, where the server offers DSN. */
  deliveryReceipt?: boolean;
  transcript: Transcript;
  accountId?: string;
  timeoutMs: number;
  onProgress?: (sent: number, total: number) => void;
}

export interface SubmitResult {
  accepted: string[];
  response: string;
  transcriptSession: string;
}

/** What nodemailer knows after EHLO and during the envelope but does not publish. */
interface ConnectionInternals {
  _maxAllowedSize?: number;
  allowsAuth?: boolean;
  _envelope?: { rejected?: string[]; rejectedErrors?: { recipient?: string; response?: string }[] };
}

/** RFC 3461: failures and delays are reported with the headers only, so a bounce never carries the attachments back. */
function dsnFor(request: SubmitRequest): SMTPEnvelope['dsn'] {
  return { ret: 'HDRS', envid: request.messageId.slice(1, -1).slice(0, 100), notify: request.deliveryReceipt ? ['SUCCESS', 'FAILURE', 'DELAY'] : ['FAILURE', 'DELAY'] };
}

/**
 * One submission: connect, TLS as the account demands (465 implicit, 587 STARTTLS required and
 * never skipped), EHLO with a proper name, AUTH, the server's SIZE checked before anything is sent,
 * then MAIL/RCPT (with SIZE and DSN parameters) and DATA. If any recipient is refused, the message
 * is stopped before its first byte, so nobody gets it and a corrected resend cannot duplicate it.
 * A failure tells how far it got: `delivery: 'unclear'` only when the whole message including its
 * final "." went out and no answer came back.
 */
export async function submitMessage(request: SubmitRequest): Promise<SubmitResult> {
  const { server, transcript, timeoutMs } = request;
  const session = transcript.openSession({ protocol: 'smtp', host: server.host, port: server.port, username: server.username, secrets: [request.secret], ...(request.accountId ? { accountId: request.accountId } : {}) });
  let dataEnded = false;
  let connection: SMTPConnection | undefined;
  // nodemailer rewrites the code of an error that stops the stream, so the real reason waits here.
  let stopped: PostboteError | undefined;
  try {
    const socket = await openSocket(server, timeoutMs, session);
    const open = new SMTPConnection({
      connection: socket,
      ...securityOptions(server),
      name: ehloName(socket.localAddress),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs * 2,
      transactionLog: true,
      logger: smtpTranscriptLogger(session, { onDataEnd: () => (dataEnded = true) }) as never,
    });
    connection = open;
    const failed = connectionFailure(open);
    const step = <T>(what: string, run: Promise<T>) => withDeadline(Promise.race([run, failed]), timeoutMs * 4, what, () => open.close());
    await step('SMTP greeting', callback<void>((done) => open.connect((error) => done(error))));
    const internals = open as unknown as ConnectionInternals;
    if (internals._maxAllowedSize && request.raw.length > internals._maxAllowedSize) throw tooLarge(request.raw.length, internals._maxAllowedSize, `250 SIZE ${internals._maxAllowedSize}`);
    if (internals.allowsAuth) await step('SMTP login', callback<boolean>((done) => open.login(smtpAuth(server, request.secret), done)));
    const stream = messageStream(request.raw, {
      beforeFirstByte: () => {
        const refused = (internals._envelope?.rejectedErrors ?? []).map((r) => ({ address: r.recipient ?? '', serverText: r.response ?? '' }));
        if (refused.length === 0) return undefined;
        stopped = recipientsRefused(refused);
        return new Error('stopped before the message data: a recipient was refused');
      },
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    });
    // A forwarded message may carry 8-bit text: declared as such where the server takes it (BODY=8BITMIME).
    const envelope: SMTPEnvelope = { from: request.envelope.from, to: request.envelope.to, size: request.raw.length, dsn: dsnFor(request), use8BitMime: request.raw.some((byte) => byte > 127) };
    // Large messages take their time on slow links: the deadline grows with the size.
    const info = await withDeadline(
      Promise.race([callback<SMTPConnectionSendInfo>((done) => open.send(envelope, stream, done)), failed]),
      timeoutMs * 4 + request.raw.length / 20,
      'SMTP DATA',
      () => open.close(),
    );
    open.once('end', () => session.close('message accepted'));
    open.quit();
    return { accepted: info.accepted, response: info.response, transcriptSession: session.id };
  } catch (error) {
    connection?.close();
    const typed = stopped ?? smtpError(error, server);
    // A refusal of the data (4xx, 5xx) is a clear ending. Silence after the final "." is not, and neither
    // is a reply cut short ("250 2.0" then nothing): the server may well have accepted the message.
    const code = (error as { responseCode?: unknown }).responseCode;
    const answered = typeof code === 'number' && code >= 400 && code <= 599;
    const delivery: DeliveryState = dataEnded && !answered ? 'unclear' : 'not-sent';
    const failure = new PostboteError({ ...typed.toInfo(), protocol: 'smtp', transcriptSession: session.id, details: { ...typed.details, temporary: isTemporary(typed), delivery } }, { cause: error });
    session.close(`failed (${delivery}): ${typed.message}`);
    throw failure;
  }
}
