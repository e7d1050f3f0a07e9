import type net from 'node:net';
import { PostboteError } from '../../app/errors';
import { connectSocket } from '../net/line-connection';
import type { TranscriptSession } from '../transcript';

/**
 * The TCP connection to the submission server, opened here rather than by nodemailer so that the
 * EHLO name can be the address literal of this end of it. TLS (implicit or STARTTLS) is set up on
 * top by nodemailer. Every failure to connect is temporary: the outbox tries again.
 */
export async function openSocket(where: { host: string; port: number }, timeoutMs: number, session: TranscriptSession): Promise<net.Socket> {
  session.event(`connecting to ${where.host}:${where.port}`);
  const socket = await connectSocket({ protocol: 'smtp', ...where, implicitTls: false, tlsOptions: {}, timeoutMs }).catch((error: unknown) => {
    const typed = error instanceof PostboteError ? error : new PostboteError({ code: 'CONNECTION_CLOSED', message: String(error), protocol: 'smtp' });
    throw new PostboteError({ ...typed.toInfo(), details: { ...typed.details, temporary: true } }, { cause: typed.cause ?? error });
  });
  // nodemailer attaches its own listener next; until then an error must not go unheard.
  socket.on('error', () => undefined);
  session.event(`connected from ${socket.localAddress ?? '?'}`);
  return socket;
}
