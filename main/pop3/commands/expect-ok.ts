import { pop3ServerError } from '../errors';
import type { FramedResponse } from '../framer';
import { parseStatusLine, type StatusLine } from '../status-line';

/** The status of a response that must be positive; a `-ERR` becomes a typed error with the server's words. */
export function expectOk(response: FramedResponse, command: string, failure: string): StatusLine {
  const status = parseStatusLine(response.status);
  if (!status.ok || status.continuation) throw pop3ServerError(command, status, failure);
  return status;
}

/** Data lines of a positive multi-line listing (CAPA, UIDL, LIST). */
export function listingLines(response: FramedResponse): string[] {
  if (!response.data || response.data.length === 0) return [];
  const lines = response.data.toString('latin1').split('\r\n');
  lines.pop();
  return lines;
}
