/**
 * Phishing's oldest trick: a link whose text shows one address and whose target is another. The
 * reading pane compares the domain the text shows with the one the link really goes to.
 */
import { registrableDomain } from '../../../app/domain/registrable-domain';

/**
 * The part of a host name its owner registered, from the Public Suffix List (app/domain, tldts):
 * example.com for www.mail.example.com, example.co.uk likewise, and bank.github.io apart from
 * evil.github.io.
 */
export { registrableDomain };

/**
 * Link text as the check reads it: NFKC (full-width and other compatibility letters become the
 * plain ones the reader takes them for) with every invisible or format character removed (zero-width
 * space and joiners, soft hyphen, bidi controls, word joiner, BOM, tags), so "www.bank\u200B.example"
 * is compared as the www.bank.example a reader sees.
 */
// eslint-disable-next-line no-misleading-character-class -- the combining joiner and variation selectors are listed to be removed, one by one
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\uffa0\ufe00-\ufe0f\u{e0100}-\u{e01ef}]/gu;
export function normaliseLinkText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '');
}

const SHOWN_HOST = /(?:^|[\s<("'[])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?=[/:?#\s>)"'\]]|$)/i;

// "report.pdf" looks like a host name to a pattern; a file name is not a claim about where a link goes.
const FILE_ENDINGS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'zip', 'rar', 'jpg', 'jpeg', 'png', 'gif', 'txt', 'csv', 'htm', 'html', 'exe', 'mp3', 'mp4', 'mov', 'ics', 'eml']);

/** The host a link's text shows, if it shows one ("www.bank.com", "https://bank.com/login"…). */
export function shownHost(raw: string): string | undefined {
  const text = normaliseLinkText(raw).trim();
  const host = SHOWN_HOST.exec(text)?.[1]?.toLowerCase();
  return host && !(FILE_ENDINGS.has(host.split('.').at(-1)!) && !/^(https?:\/\/|www\.)/i.test(text)) ? host : undefined;
}

export interface LinkMismatch {
  shown: string;
  actual: string;
}

/** The two domains when the text shows a different one than the link goes to; undefined when they agree or the text shows none. */
export function linkMismatch(text: string, href: string): LinkMismatch | undefined {
  const shown = shownHost(text);
  if (!shown) return undefined;
  let actual: string;
  try {
    const url = new URL(href);
    if (url.protocol === 'mailto:') return undefined;
    actual = url.hostname.toLowerCase();
  } catch {
    return { shown, actual: href };
  }
  return registrableDomain(shown) === registrableDomain(actual) ? undefined : { shown: registrableDomain(shown), actual };
}
