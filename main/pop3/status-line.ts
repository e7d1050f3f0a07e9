/** One POP3 status line: `+OK text`, `-ERR [CODE] text`, or a SASL continuation `+ base64`. */
export interface StatusLine {
  ok: boolean;
  /** `+ …`: the server asks for the next piece of a SASL exchange. */
  continuation: boolean;
  /** RFC 2449 extended response code, e.g. `IN-USE`, `SYS/TEMP`, `AUTH`. */
  responseCode?: string;
  text: string;
  line: string;
}

export function parseStatusLine(line: string): StatusLine {
  if (line.startsWith('+OK')) return { ok: true, continuation: false, text: line.slice(3).trim(), line };
  if (line === '+' || line.startsWith('+ ')) return { ok: true, continuation: true, text: line.slice(2), line };
  if (line.startsWith('-ERR')) {
    const rest = line.slice(4).trim();
    const code = /^\[([^\]]+)\]\s*/.exec(rest);
    const status: StatusLine = { ok: false, continuation: false, text: code ? rest.slice(code[0].length) : rest, line };
    if (code) status.responseCode = code[1]!.toUpperCase();
    return status;
  }
  return { ok: false, continuation: false, text: line, line };
}

export function isStatusLine(line: string): boolean {
  return line.startsWith('+OK') || line.startsWith('-ERR') || line === '+' || line.startsWith('+ ');
}
