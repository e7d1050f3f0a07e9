import type { ParsedHeaders } from '../../app/contract';
import type { MailAddress } from '../../app/domain/message-summary';
import { formatAddressList } from './addresses';
import { escapeHtml, textToHtml } from './html-text';

export interface QuoteWords {
  /** "On {date}, {name} wrote:" */
  wrote: (date: string, name: string) => string;
  forwarded: string;
  subject: string;
  date: string;
  from: string;
  to: string;
  cc: string;
  formatDate: (ms: number) => string;
}

const who = (list: MailAddress[]) => list[0]?.name || list[0]?.address || '?';

export function attribution(headers: ParsedHeaders, words: QuoteWords): string {
  return words.wrote(headers.date ? words.formatDate(headers.date) : '?', who(headers.from));
}

/** The original's text, every line behind "> " ("> >" for lines quoted already), under an attribution line. */
export function quoteText(headers: ParsedHeaders, text: string, words: QuoteWords): string {
  const quoted = text
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`).replace(/\s+$/, ''))
    .join('\n');
  return `${attribution(headers, words)}\n${quoted}\n`;
}

/** The same for the HTML editor: `bodyHtml` must be sanitized already (or be absent, then the text is used). */
export function quoteHtml(headers: ParsedHeaders, text: string, bodyHtml: string | undefined, words: QuoteWords): string {
  return `<p>${escapeHtml(attribution(headers, words))}</p><blockquote type="cite">${bodyHtml ?? textToHtml(text)}</blockquote>`;
}

function forwardHeaderLines(headers: ParsedHeaders, words: QuoteWords): [string, string][] {
  const lines: [string, string][] = [
    [words.subject, headers.subject],
    [words.date, headers.date ? words.formatDate(headers.date) : ''],
    [words.from, formatAddressList(headers.from)],
    [words.to, formatAddressList(headers.to)],
  ];
  if (headers.cc.length) lines.push([words.cc, formatAddressList(headers.cc)]);
  return lines;
}

/** An inline forward: the original's main headers, then its body unchanged. */
export function forwardText(headers: ParsedHeaders, text: string, words: QuoteWords): string {
  const head = forwardHeaderLines(headers, words).map(([name, value]) => `${name}: ${value}`);
  return `-------- ${words.forwarded} --------\n${head.join('\n')}\n\n${text.replace(/\r\n/g, '\n')}`;
}

export function forwardHtml(headers: ParsedHeaders, text: string, bodyHtml: string | undefined, words: QuoteWords): string {
  const rows = forwardHeaderLines(headers, words)
    .map(([name, value]) => `${escapeHtml(name)}: ${escapeHtml(value)}`)
    .join('<br>');
  return `<p>-------- ${escapeHtml(words.forwarded)} --------<br>${rows}</p>${bodyHtml ?? textToHtml(text)}`;
}
