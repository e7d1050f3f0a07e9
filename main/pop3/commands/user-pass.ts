import type { Pop3Connection } from '../connection';
import { expectOk } from './expect-ok';

const refused = 'The POP3 server did not accept the user name or password.';

/** RFC 1939 USER/PASS; the transcript redacts PASS as it records it. */
export async function userPass(connection: Pop3Connection, username: string, password: string): Promise<void> {
  expectOk(await connection.command(`USER ${username}`, 'single'), 'USER', refused);
  const answer = await connection.command(`PASS ${password}`, 'single');
  expectOk(answer, 'PASS', refused);
}
