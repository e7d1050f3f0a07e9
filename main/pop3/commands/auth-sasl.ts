import type { Pop3Connection } from '../connection';
import { pop3ServerError } from '../errors';
import type { FramedResponse } from '../framer';
import { parseStatusLine } from '../status-line';

export type SaslMechanism = 'PLAIN' | 'LOGIN' | 'XOAUTH2' | 'OAUTHBEARER';

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

/** RFC 7628 OAUTHBEARER initial response: GS2 header with the user, then the bearer token. */
export function oauthBearerResponse(username: string, accessToken: string, host?: string, port?: number): string {
  const user = username.replace(/=/g, '=3D').replace(/,/g, '=2C');
  const fields = [`n,a=${user},`, ...(host ? [`host=${host}`] : []), ...(port ? [`port=${port}`] : []), `auth=Bearer ${accessToken}`, '', ''];
  return b64(fields.join('\u0001'));
}

async function finish(connection: Pop3Connection, answer: FramedResponse, mechanism: SaslMechanism): Promise<void> {
  let status = parseStatusLine(answer.status);
  if (status.continuation && (mechanism === 'XOAUTH2' || mechanism === 'OAUTHBEARER')) {
    // Both report failure as a base64 JSON challenge; the client's reply (empty for XOAUTH2, a lone
    // %x01 for OAUTHBEARER, RFC 7628 3.2.3) ends the exchange with -ERR.
    status = parseStatusLine((await connection.command(mechanism === 'OAUTHBEARER' ? 'AQ==' : '', 'single')).status);
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
    case 'OAUTHBEARER':
      return finish(connection, await connection.command(`AUTH OAUTHBEARER ${oauthBearerResponse(username, secret)}`, 'single'), mechanism);
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
