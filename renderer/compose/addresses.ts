import type { MailAddress } from '../../app/domain/message-summary';

/** As app/'s EmailSchema, minus the list separators. */
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;

export const isEmail = (text: string) => EMAIL.test(text) && text.length <= 320;

/** Splits at commas and semicolons that are not inside quotes or angle brackets. */
function split(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if ((char === ',' || char === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parseOne(part: string): MailAddress | undefined {
  const angled = /^(.*?)<\s*([^<>]+?)\s*>\s*$/.exec(part);
  if (angled) {
    const name = angled[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim();
    const address = angled[2]!.trim();
    if (!isEmail(address)) return undefined;
    return name ? { name, address } : { address };
  }
  return isEmail(part) ? { address: part } : undefined;
}

/** "Ann Lee <ann@x.org>, \"Lee, Bo\" <bo@x.org>; cy@x.org" → addresses, and the parts that are not addresses. */
export function parseAddressList(text: string): { addresses: MailAddress[]; invalid: string[] } {
  const addresses: MailAddress[] = [];
  const invalid: string[] = [];
  for (const part of split(text)) {
    const parsed = parseOne(part);
    if (parsed) addresses.push(parsed);
    else invalid.push(part);
  }
  return { addresses, invalid };
}

export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.address;
  const name = /[",;<>@()]/.test(address.name) ? `"${address.name.replace(/(["\\])/g, '\\$1')}"` : address.name;
  return `${name} <${address.address}>`;
}

export const formatAddressList = (list: readonly MailAddress[]) => list.map(formatAddress).join(', ');

/** The same mailbox once, the first spelling kept; addresses compare case-insensitively. */
export function uniqueAddresses(list: readonly MailAddress[], except: ReadonlySet<string> = new Set()): MailAddress[] {
  const seen = new Set(except);
  return list.filter((a) => {
    const key = a.address.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
