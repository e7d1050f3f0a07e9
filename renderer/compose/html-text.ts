const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1]?.toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Plain text as HTML paragraphs, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/**
 * The text/plain alternative of what the HTML editor made: paragraphs and line breaks, "- " and
 * "1. " for list items, "> " for quotes, links as "text <url>". The editor's output is small and
 * sanitized, so a tag-level pass is enough; it needs no DOM and runs anywhere.
 */
export function htmlToText(html: string): string {
  let depth = 0;
  const counters: (number | undefined)[] = [];
  let out = '';
  const tokens = html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').split(/(<[^>]+>)/);
  let href: string | undefined;
  let linkText = '';
  const newline = () => {
    out = out.replace(/[ \t]+$/, '');
    if (!out.endsWith('\n')) out += '\n';
  };
  const emit = (text: string) => {
    if (href !== undefined) linkText += text;
    out += out.endsWith('\n') && depth > 0 && text.trim() ? `${'> '.repeat(depth)}${text.replace(/^\s+/, '')}` : text;
  };
  for (const token of tokens) {
    const tag = /^<\s*(\/?)\s*([a-z0-9]+)([^>]*)>$/i.exec(token);
    if (!tag) {
      if (token) emit(decodeEntities(token.replace(/\s+/g, ' ')));
      continue;
    }
    const [, closing, rawName, attributes = ''] = tag;
    const name = rawName!.toLowerCase();
    if (name === 'br') {
      out += '\n';
      if (depth) out += '> '.repeat(depth);
    } else if (name === 'blockquote') {
      newline();
      depth += closing ? -1 : 1;
      depth = Math.max(0, depth);
    } else if (['p', 'div', 'h1', 'h2', 'h3', 'h4', 'pre', 'tr'].includes(name)) {
      newline();
    } else if (name === 'ul' || name === 'ol') {
      newline();
      if (closing) counters.pop();
      else counters.push(name === 'ol' ? 0 : undefined);
    } else if (name === 'li' && !closing) {
      newline();
      const top = counters.length - 1;
      const counter = counters[top];
      const marker = counter === undefined ? '- ' : `${(counters[top] = counter + 1)}. `;
      emit(`${'  '.repeat(Math.max(0, counters.length - 1))}${marker}`);
    } else if (name === 'a' && !closing) {
      href = /href\s*=\s*"([^"]*)"|href\s*=\s*'([^']*)'/i.exec(attributes)?.slice(1).find((v) => v !== undefined);
      linkText = '';
    } else if (name === 'a' && closing && href !== undefined) {
      const target = decodeEntities(href);
      href = undefined;
      if (target && target !== linkText.trim() && !/^mailto:/i.test(target)) out += ` <${target}>`;
    }
  }
  return out
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
