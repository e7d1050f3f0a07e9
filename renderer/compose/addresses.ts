import type { MailAddress } from '../../app/domain/message-summary';

/** As app/'s EmailSchema, minus the list separators. */
const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+$/;

export const isEmail = (text: string) => EMAIL.test(text) && text.length <= 320;

/** Positions of the commas and semicolons that separate addresses (not those inside quotes or angle brackets). */
function separators(text: string): number[] {
  const found: number[] = [];
  let quoted = false;
  let angled = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    else if ((char === ',' || char === ';') && !quoted && !angled) found.push(i);
  }
  return found;
}

function split(text: string): string[] {
  const cuts = [-1, ...separators(text), text.length];
  return cuts.slice(1).map((end, i) => text.slice(cuts[i]! + 1, end).trim()).filter(Boolean);
}

/** The address being typed (after the last separator), and what comes before it. */
export function lastToken(text: string): { head: string; token: string } {
  const cut = (separators(text).at(-1) ?? -1) + 1;
  return { head: text.slice(0, cut), token: text.slice(cut).trim() };
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
