import { PostboteError } from '../../app/errors';

const MAX_EML_BYTES = 64 * 1024 * 1024;

/** A message file opened from disk: shown read-only, never stored. */
export interface OpenedMessageFile {
  name: string;
  raw: Uint8Array;
  /** Distinguishes two opens of the same file, so consent and views start fresh. */
  key: string;
}

/** Header field names at the start: what every RFC 5322 message has, and what other files lack. */
function looksLikeMessage(raw: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(raw.subarray(0, 4096));
  return /^(?:From [^\r\n]*\r?\n)?[!-9;-~]+:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n[!-9;-~]+:/.test(head) || /^[!-9;-~]+:[^\r\n]*\r?\n\r?\n/.test(head);
}

let opened = 0;

/** A message file's bytes, from the window (picked, dropped) or the desktop app's menu; anything else is refused in plain words. */
export function messageFile(name: string, raw: Uint8Array): OpenedMessageFile {
  if (raw.length > MAX_EML_BYTES) throw new PostboteError({ code: 'INVALID_INPUT', message: `${name} is too large to open as a message (${Math.round(raw.length / 1e6)} MB).` });
  if (!looksLikeMessage(raw)) throw new PostboteError({ code: 'INVALID_INPUT', message: `${name} is not a mail message. Postbote opens .eml files (RFC 5322 messages).` });
  return { name, raw, key: `file:${++opened}:${name}` };
}

export async function readMessageFile(file: File): Promise<OpenedMessageFile> {
  if (file.size > MAX_EML_BYTES) throw new PostboteError({ code: 'INVALID_INPUT', message: `${file.name} is too large to open as a message (${Math.round(file.size / 1e6)} MB).` });
  return messageFile(file.name, new Uint8Array(await file.arrayBuffer()));
}
