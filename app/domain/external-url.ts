/**
 * A link from a mail, as it may go to the system's opener: the URL that was checked, re-serialised
 * (`url.href`), never the raw string. The raw string is what differs between checker and opener:
 * leading spaces and control characters, `http:\\evil\share\x.exe` (a UNC path to a Windows
 * opener, `http://evil/share/x.exe` to the URL parser). For mailto: only the recipient and the
 * fields a user sees in the composer survive; `attach=`, `bcc=` and unknown fields are dropped, so
 * a click cannot make a mail program attach a local file or copy someone in secret.
 */

const OPENABLE = new Set(['http:', 'https:', 'mailto:']);
const MAILTO_FIELDS = new Set(['to', 'cc', 'subject', 'body']);

function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

function normaliseMailto(url: URL): string | undefined {
  // RFC 6068: '+' is a plus and the fields are %-encoded; URLSearchParams would read '+' as a space.
  const kept: string[] = [];
  for (const field of url.search.replace(/^\?/, '').split('&')) {
    if (!field) continue;
    const eq = field.indexOf('=');
    const name = decodeComponent(eq < 0 ? field : field.slice(0, eq))?.toLowerCase();
    const value = decodeComponent(eq < 0 ? '' : field.slice(eq + 1));
    if (name === undefined || value === undefined || !MAILTO_FIELDS.has(name)) continue;
    kept.push(`${name}=${encodeURIComponent(value)}`);
  }
  const to = decodeComponent(url.pathname);
  if (to === undefined) return undefined;
  // Recipients only: no control characters or line breaks that could start another header.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(to)) return undefined;
  const address = encodeURIComponent(to).replace(/%40/g, '@').replace(/%2C/gi, ',');
  return `mailto:${address}${kept.length ? `?${kept.join('&')}` : ''}`;
}

/** The URL to hand to the opener, or undefined when this link must not be opened. */
export function normaliseExternalUrl(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (!OPENABLE.has(url.protocol)) return undefined;
  if (url.protocol === 'mailto:') return normaliseMailto(url);
  if (!url.hostname) return undefined;
  return url.href;
}
