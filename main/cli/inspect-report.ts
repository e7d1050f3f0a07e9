import type { MimePart, ParsedAttachment, ParsedHeaders, ParsedMessage, SecurityWrapper } from '../../app/contract/message';

/** An attachment as `postbote inspect` shows it: everything but the bytes. */
export type InspectAttachment = Omit<ParsedAttachment, 'content'>;

export interface InspectReport {
  headers: Omit<ParsedHeaders, 'date'> & { date?: string };
  text: string;
  /** Characters of the HTML body; null when the message has none. */
  htmlLength: number | null;
  attachments: InspectAttachment[];
  embedded: Array<{ partId: string; message: InspectReport }>;
  security: SecurityWrapper[];
  structure: MimePart;
  notices: string[];
}

/** The parsed message as JSON-ready data: attachment bytes left out, the date as an ISO string. */
export function inspectReport(message: ParsedMessage): InspectReport {
  const { date, ...headers } = message.headers;
  return {
    headers: date === undefined ? headers : { ...headers, date: new Date(date).toISOString() },
    text: message.text,
    htmlLength: message.html === undefined ? null : message.html.length,
    attachments: message.attachments.map(({ content: _content, ...rest }) => rest),
    embedded: message.embedded.map(({ partId, message: inner }) => ({ partId, message: inspectReport(inner) })),
    security: message.security,
    structure: message.structure,
    notices: message.notices,
  };
}

/** One line per MIME part, indented by depth: "1.2 text/html charset=utf-8 quoted-printable inline "name" <cid> 123 bytes". */
export function structureOutline(part: MimePart, depth = 0): string[] {
  const facts = [
    part.id === '' ? '(message)' : part.id,
    part.contentType,
    part.charset && `charset=${part.charset}`,
    part.encoding,
    part.disposition,
    part.filename && `"${part.filename}"`,
    part.contentId && `<${part.contentId}>`,
    `${part.size} bytes`,
  ];
  const line = `${'  '.repeat(depth)}${facts.filter(Boolean).join(' ')}`;
  return [line, ...part.children.flatMap((child) => structureOutline(child, depth + 1))];
}
