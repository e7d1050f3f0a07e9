/**
 * mbox in its mboxrd form (the one that round-trips): each message starts with a `From ` line, every
 * line of the message that matches /^>*From / gains one '>', and a blank line follows each message.
 * Reading undoes exactly that, so export → import gives the same bytes back. Python's mailbox.mbox
 * writes mboxo (only `From ` is quoted); reading it as mboxrd is the usual, nearly lossless choice.
 */

const FROM_LINE = /^>*From /;

function asctime(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

/** One message as an mboxrd entry (From line, quoted body, blank line). */
export function mboxrdEntry(raw: Uint8Array, received = new Date(), sender = 'MAILER-DAEMON'): Buffer {
  const text = Buffer.from(raw).toString('latin1');
  const lines = text.split('\n');
  const quoted = lines.map((line) => (FROM_LINE.test(line) ? `>${line}` : line)).join('\n');
  const body = quoted.endsWith('\n') ? quoted : `${quoted}\n`;
  return Buffer.from(`From ${sender} ${asctime(received)}\n${body}\n`, 'latin1');
}

export interface MboxMessage {
  raw: Buffer;
  /** 1-based position in the file, for reports of what was skipped. */
  index: number;
}

/** Splits an mbox (mboxrd or mboxo) into messages, exactly undoing `mboxrdEntry`. */
export function* readMbox(content: Uint8Array): Generator<MboxMessage> {
  const text = Buffer.from(content).toString('latin1');
  let current: string[] | undefined;
  let index = 0;
  const finish = (lines: string[]): MboxMessage => {
    // The blank line before the next From line (or at the end) belongs to the mbox, not the message.
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const unquoted = lines.map((line) => (/^>+From /.test(line) ? line.slice(1) : line));
    return { raw: Buffer.from(unquoted.join('\n') + '\n', 'latin1'), index };
  };
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (line.startsWith('From ')) {
      if (current) yield finish(current);
      current = [];
      index++;
      continue;
    }
    current?.push(line);
  }
  if (current) yield finish(current);
}

/** Why a piece of an import is not a message, or undefined when it looks like one. */
export function notAMessage(raw: Uint8Array): string | undefined {
  if (raw.length === 0 || /^\s*$/.test(Buffer.from(raw.subarray(0, 64)).toString('latin1'))) return 'empty';
  const head = Buffer.from(raw.subarray(0, 2048)).toString('latin1');
  if (!/^[!-9;-~]+:/.test(head)) return 'no header at the start';
  return undefined;
}
