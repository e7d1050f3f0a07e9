import { createHash } from 'node:crypto';
import type { Pop3Connection } from '../connection';
import { expectOk } from './expect-ok';

/** The `<…@…>` timestamp an APOP-capable server puts into its greeting. */
export function apopTimestamp(greeting: string): string | undefined {
  return /<[^<>\s]+@[^<>\s]+>/.exec(greeting)?.[0];
}

export function apopDigest(timestamp: string, password: string): string {
  return createHash('md5').update(timestamp + password, 'utf8').digest('hex');
}

export async function apop(connection: Pop3Connection, username: string, password: string, timestamp: string): Promise<void> {
  const answer = await connection.command(`APOP ${username} ${apopDigest(timestamp, password)}`, 'single');
  expectOk(answer, 'APOP', 'The POP3 server did not accept the user name or password (APOP).');
}
