/**
 * A plain-text view of an HTML body, for messages that have no plain part. One linear pass (no
 * backtracking regular expressions over the whole input), so hostile HTML costs no more than its
 * length. The reading pane renders the HTML itself, sanitized; this is only the text alternative.
 */
const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', shy: '', copy: '©', reg: '®', trade: '™', euro: '€',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', bull: '•',
  middot: '·', deg: '°', auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é',
  egrave: 'è', agrave: 'à', aacute: 'á', ccedil: 'ç', ntilde: 'ñ', oacute: 'ó', iacute: 'í', uacute: 'ú', zwnj: '', zwj: '',
};

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return ENTITIES[name] ?? ENTITIES[name.toLowerCase()] ?? whole;
  });
}

const SKIPPED = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'xml']);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'blockquote', 'pre', 'hr']);
const LINE = new Set(['br', 'div', 'tr', 'section', 'article', 'header', 'footer', 'dd', 'dt', 'center', 'address', 'form']);

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

export function htmlToText(html: string): string {
  const out: string[] = [];
  let pre = 0;
  let link: { href: string; at: number } | undefined;
  let i = 0;
  while (i < html.length) {
    const open = html.indexOf('<', i);
    const text = html.slice(i, open < 0 ? html.length : open);
    if (pre > 0) out.push(decodeEntities(text));
    else if (text) {
      const collapsed = text.replace(/\s+/g, ' ');
      // White space at the start of a line is layout of the HTML source, not text.
      out.push(decodeEntities(out.length === 0 || out[out.length - 1]!.endsWith('\n') ? collapsed.trimStart() : collapsed));
    }
    if (open < 0) break;
    if (html.startsWith('<!--', open)) {
      const close = html.indexOf('-->', open + 4);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    const close = html.indexOf('>', open + 1);
    if (close < 0) break;
    const tag = html.slice(open, close + 1);
    const name = /^<\/?([a-z][a-z0-9-]*)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
    const closing = tag.startsWith('</');
    i = close + 1;
    if (!closing && SKIPPED.has(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = i;
      const found = end.exec(html);
      i = found ? end.lastIndex : html.length;
      continue;
    }
    if (name === 'pre') pre = Math.max(0, pre + (closing ? -1 : 1));
    if (PARAGRAPH.has(name)) out.push('\n\n');
    else if (name === 'li') out.push(closing ? '' : '\n• ');
    else if (LINE.has(name)) out.push('\n');
    else if (name === 'td' || name === 'th') out.push(closing ? '' : ' ');
    else if (name === 'img' && !closing) {
      const alt = attribute(tag, 'alt');
      if (alt) out.push(`[${decodeEntities(alt)}]`);
    } else if (name === 'a') {
      if (!closing) {
        const href = attribute(tag, 'href');
        link = href && /^(https?|mailto):/i.test(href) ? { href: decodeEntities(href), at: out.length } : undefined;
      } else if (link) {
        const label = out.slice(link.at).join('').trim();
        if (label && label !== link.href && `mailto:${label}` !== link.href) out.push(` <${link.href}>`);
        link = undefined;
      }
    }
  }
  return out
    .join('')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
