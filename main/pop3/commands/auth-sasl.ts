import type { Pop3Connection } from '../connection';
import { pop3ServerError } from '../errors';
import type { FramedResponse } from '../framer';
import { parseStatusLine } from '../status-line';

export type SaslMechanism = 'PLAIN' | 'LOGIN' | 'XOAUTH2';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const refused = 'The POP3 server did not accept the user name or password.';

/** RFC 4616 PLAIN: authzid NUL authcid NUL password. */
export function plainResponse(username: string, password: string): string {
  return b64(`\u0000${username}\u0000${password}`);
}

/** Google's and Microsoft's XOAUTH2 initial response. */
export function xoauth2Response(username: string, accessToken: string): string {
  return b64(`user=${username}\u0001auth=Bearer ${accessToken}\u0001\u0001`);
}

async function finish(connection: Pop3Connection, answer: FramedResponse, mechanism: SaslMechanism): Promise<void> {
  let status = parseStatusLine(answer.status);
  if (status.continuation && mechanism === 'XOAUTH2') {
    // XOAUTH2 reports failure as a base64 JSON challenge; an empty reply ends the exchange with -ERR.
    status = parseStatusLine((await connection.command('', 'single')).status);
  }
  if (!status.ok || status.continuation) throw pop3ServerError(`AUTH ${mechanism}`, status, refused);
}

/** RFC 5034 AUTH, with the initial response on the command line where the mechanism allows it. */
export async function authenticate(connection: Pop3Connection, mechanism: SaslMechanism, username: string, secret: string): Promise<void> {
  switch (mechanism) {
    case 'PLAIN':
      return finish(connection, await connection.command(`AUTH PLAIN ${plainResponse(username, secret)}`, 'single'), mechanism);
    case 'XOAUTH2':
      return finish(connection, await connection.command(`AUTH XOAUTH2 ${xoauth2Response(username, secret)}`, 'single'), mechanism);
    case 'LOGIN': {
      let answer = await connection.command('AUTH LOGIN', 'single');
      for (const piece of [username, secret]) {
        const status = parseStatusLine(answer.status);
        if (!status.continuation) return finish(connection, answer, mechanism);
        answer = await connection.command(b64(piece), 'single');
      }
      return finish(connection, answer, mechanism);
    }
  }
}
