import type { Pop3Connection } from '../connection';
import { pop3ProtocolError } from '../errors';
import { parseStatusLine } from '../status-line';
import { expectOk, listingLines } from './expect-ok';

export interface MailboxStat {
  count: number;
  size: number;
}

export async function stat(connection: Pop3Connection): Promise<MailboxStat> {
  const status = expectOk(await connection.command('STAT', 'single'), 'STAT', 'The POP3 server could not count the messages.');
  const [count, size] = status.text.split(/\s+/).map(Number);
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(size)) throw pop3ProtocolError('The POP3 server answered STAT in a form Postbote does not understand.', { line: status.line });
  return { count: count!, size: size! };
}

/** `number value` listing lines of LIST and UIDL. */
function numbered(lines: string[], command: string): Map<number, string> {
  const entries = new Map<number, string>();
  for (const line of lines) {
    const match = /^(\d+)\s+(\S+)/.exec(line);
    if (!match) throw pop3ProtocolError(`The POP3 server answered ${command} with a line Postbote does not understand.`, { line: line.slice(0, 200) });
    entries.set(Number(match[1]), match[2]!);
  }
  return entries;
}

/** Message sizes by message number. */
export async function list(connection: Pop3Connection): Promise<Map<number, number>> {
  const response = await connection.command('LIST', 'multi');
  expectOk(response, 'LIST', 'The POP3 server could not list the messages.');
  return new Map([...numbered(listingLines(response), 'LIST')].map(([n, size]) => [n, Number(size)]));
}

/** Unique ids by message number, or undefined when the server has no UIDL (RFC 1939 makes it optional). */
export async function uidl(connection: Pop3Connection): Promise<Map<number, string> | undefined> {
  const response = await connection.command('UIDL', 'multi');
  if (!parseStatusLine(response.status).ok) return undefined;
  return numbered(listingLines(response), 'UIDL');
}
