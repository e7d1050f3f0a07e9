import type { Pop3Connection } from '../connection';
import { expectOk } from './expect-ok';

/** Marks a message for deletion; the server deletes it only when QUIT succeeds. */
export async function dele(connection: Pop3Connection, number: number): Promise<void> {
  expectOk(await connection.command(`DELE ${number}`, 'single'), 'DELE', `The POP3 server would not delete message ${number}.`);
}

/** Unmarks every message marked by DELE in this session. */
export async function rset(connection: Pop3Connection): Promise<void> {
  expectOk(await connection.command('RSET', 'single'), 'RSET', 'The POP3 server would not reset the session.');
}

export async function noop(connection: Pop3Connection): Promise<void> {
  expectOk(await connection.command('NOOP', 'single'), 'NOOP', 'The POP3 server did not answer NOOP.');
}

/**
 * Ends the session; `+OK` means the marked messages are gone (RFC 1939 UPDATE state). A `-ERR`
 * here means the server could not delete some of them.
 */
export async function quit(connection: Pop3Connection): Promise<void> {
  try {
    expectOk(await connection.command('QUIT', 'single'), 'QUIT', 'The POP3 server could not finish the session; messages marked for deletion may still be there.');
  } finally {
    connection.close('closed after QUIT');
  }
}
