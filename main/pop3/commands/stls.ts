import type { Pop3Connection } from '../connection';
import { expectOk } from './expect-ok';

export async function stls(connection: Pop3Connection): Promise<void> {
  expectOk(await connection.command('STLS', 'single'), 'STLS', 'The POP3 server refused to start TLS.');
  await connection.upgradeToTls();
}
