import type { Pop3Connection } from '../connection';
import type { FramedResponse } from '../framer';
import { expectOk } from './expect-ok';

function messageData(response: FramedResponse, command: string, number: number): Buffer {
  expectOk(response, command, `The POP3 server could not send message ${number}; it may have been removed by another program.`);
  return response.data ?? Buffer.alloc(0);
}

export async function retr(connection: Pop3Connection, number: number): Promise<Buffer> {
  return messageData(await connection.command(`RETR ${number}`, 'multi'), 'RETR', number);
}

/** The header block and the first `lines` body lines. */
export async function top(connection: Pop3Connection, number: number, lines: number): Promise<Buffer> {
  return messageData(await connection.command(`TOP ${number} ${lines}`, 'multi'), 'TOP', number);
}
