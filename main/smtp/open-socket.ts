import net from 'node:net';
import { PostboteError } from '../../app/errors';
import { networkError } from '../net/network-errors';
import type { TranscriptSession } from '../transcript';

/**
 * The TCP connection to the submission server, opened here rather than by nodemailer so that the
 * EHLO name can be the address literal of this end of it. TLS (implicit or STARTTLS) is set up on
 * top by nodemailer.
 */
export function openSocket(where: { host: string; port: number }, timeoutMs: number, session: TranscriptSession): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    session.event(`connecting to ${where.host}:${where.port}`);
    const socket = net.connect({ host: where.host, port: where.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new PostboteError({ code: 'TIMEOUT', message: `No connection to ${where.host}:${where.port} within ${timeoutMs / 1000} seconds.`, protocol: 'smtp', details: { temporary: true } }));
    }, timeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      const typed = networkError(error, { protocol: 'smtp', ...where }) ?? new PostboteError({ code: 'CONNECTION_CLOSED', message: String(error), protocol: 'smtp' });
      reject(new PostboteError({ ...typed.toInfo(), details: { ...typed.details, temporary: true } }, { cause: error }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      // nodemailer attaches its own listener next; until then an error must not go unheard.
      socket.on('error', () => undefined);
      session.event(`connected from ${socket.localAddress ?? '?'}`);
      resolve(socket);
    });
  });
}
