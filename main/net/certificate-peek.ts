import net from 'node:net';
import tls from 'node:tls';
import type { ServerSettings } from '../../app/domain/account';
import type { CertificateInfo } from '../../app/domain/connection';
import type { Protocol } from '../../app/errors';
import { certificateInfo } from './tls';

/** The command that asks each protocol's server to switch to TLS, and the reply that agrees. */
const STARTTLS: Record<Protocol, { hello?: string; command: string; agreed: RegExp; greeting: RegExp }> = {
  imap: { command: 'p STARTTLS', agreed: /^p OK/i, greeting: /^\* (OK|PREAUTH)/i },
  pop3: { command: 'STLS', agreed: /^\+OK/, greeting: /^\+OK/ },
  smtp: { hello: 'EHLO postbote.invalid', command: 'STARTTLS', agreed: /^220 /, greeting: /^220 / },
};

/**
 * Fetches the server's certificate without sending any credential and without trusting it, so
 * that a "certificate not trusted" error can show the user what they would be trusting.
 */
export function peekCertificate(protocol: Protocol, server: ServerSettings, timeoutMs: number): Promise<CertificateInfo | undefined> {
  return new Promise((resolve) => {
    let socket: net.Socket | undefined;
    const done = (info?: CertificateInfo) => {
      clearTimeout(timer);
      socket?.destroy();
      resolve(info);
    };
    const timer = setTimeout(() => done(), timeoutMs);
    const options: tls.ConnectionOptions = { rejectUnauthorized: false };
    if (!net.isIP(server.host)) options.servername = server.host;
    const fromTls = (secure: tls.TLSSocket) => {
      socket = secure;
      secure.once('secureConnect', () => {
        const cert = secure.getPeerCertificate();
        done(cert?.raw ? certificateInfo(cert) : undefined);
      });
      secure.once('error', () => done());
    };
    if (server.security === 'tls') {
      fromTls(tls.connect({ host: server.host, port: server.port, ...options }));
      return;
    }
    const plain = net.connect({ host: server.host, port: server.port });
    socket = plain;
    const steps = STARTTLS[protocol];
    let stage: 'greeting' | 'hello' | 'starttls' = 'greeting';
    let buffered = '';
    plain.on('error', () => done());
    plain.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).replace(/\r$/, '');
        buffered = buffered.slice(newline + 1);
        if (stage === 'greeting' && steps.greeting.test(line)) {
          if (steps.hello) {
            stage = 'hello';
            plain.write(`${steps.hello}\r\n`);
          } else {
            stage = 'starttls';
            plain.write(`${steps.command}\r\n`);
          }
        } else if (stage === 'hello' && /^250 /.test(line)) {
          stage = 'starttls';
          plain.write(`${steps.command}\r\n`);
        } else if (stage === 'starttls' && steps.agreed.test(line)) {
          plain.removeAllListeners('data');
          fromTls(tls.connect({ socket: plain, ...options }));
          return;
        } else if (stage === 'starttls' && !line.startsWith('*')) {
          done();
          return;
        }
      }
    });
  });
}
