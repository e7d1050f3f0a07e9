/** The raw source as text: UTF-8 when it is valid UTF-8, else Windows-1252 (which shows every byte). */
export function sourceText(raw: Uint8Array, limit = 2 * 1024 * 1024): { headers: string; body: string; truncated: boolean } {
  const shown = raw.subarray(0, limit);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(shown);
  } catch {
    text = new TextDecoder('windows-1252').decode(shown);
  }
  const split = /\r?\n\r?\n/.exec(text);
  return split ? { headers: text.slice(0, split.index), body: text.slice(split.index + split[0].length), truncated: raw.length > limit } : { headers: text, body: '', truncated: raw.length > limit };
}
