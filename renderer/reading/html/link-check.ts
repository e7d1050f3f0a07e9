/**
 * Phishing's oldest trick: a link whose text shows one address and whose target is another. The
 * reading pane compares the domain the text shows with the one the link really goes to.
 */

// Second-level labels under which names are registered (co.uk, com.au …): a short, common list.
const SHARED_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gv', 'mil', 'nic']);

/** The part of a host name its owner registered: example.com for www.mail.example.com, example.co.uk likewise. */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length <= 2 || /^\d+$/.test(labels.at(-1)!)) return labels.join('.');
  const second = labels.at(-2)!;
  const keep = SHARED_SECOND_LEVEL.has(second) && labels.at(-1)!.length === 2 ? 3 : 2;
  return labels.slice(-keep).join('.');
}

const SHOWN_HOST = /(?:^|[\s<("'[])(?:https?:\/\/)?((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})(?=[/:?#\s>)"'\]]|$)/i;

// "report.pdf" looks like a host name to a pattern; a file name is not a claim about where a link goes.
const FILE_ENDINGS = new Set(['pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'zip', 'rar', 'jpg', 'jpeg', 'png', 'gif', 'txt', 'csv', 'htm', 'html', 'exe', 'mp3', 'mp4', 'mov', 'ics', 'eml']);

/** The host a link's text shows, if it shows one ("www.bank.com", "https://bank.com/login"…). */
export function shownHost(text: string): string | undefined {
  const host = SHOWN_HOST.exec(text.trim())?.[1]?.toLowerCase();
  return host && !(FILE_ENDINGS.has(host.split('.').at(-1)!) && !/^(https?:\/\/|www\.)/i.test(text.trim())) ? host : undefined;
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
