import { simpleParser } from 'mailparser';
import type { ParsedMessage } from '../../app/contract/message';

/** Crude but safe: the reading pane shows text only, never markup, until the sanitising HTML view exists. */
function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>|<\/(p|div|li|tr|h\d)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text, attachment list and notices of a raw message; malformed input gives what can be read plus a notice. */
export async function parseMessage(raw: Uint8Array): Promise<ParsedMessage> {
  const notices: string[] = [];
  try {
    const parsed = await simpleParser(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), { skipImageLinks: true, skipTextToHtml: true });
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    const text = parsed.text ?? (html ? htmlToText(html) : '');
    return {
      text,
      hasHtml: html.length > 0,
      attachments: parsed.attachments.map((a) => ({
        ...(a.filename ? { filename: a.filename } : {}),
        contentType: a.contentType,
        size: a.size,
        inline: a.contentDisposition === 'inline' && Boolean(a.cid),
      })),
      notices,
    };
  } catch (error) {
    notices.push(`Postbote could not read this message's structure (${error instanceof Error ? error.message : String(error)}); it shows the raw text instead.`);
    return { text: Buffer.from(raw).toString('utf8'), hasHtml: false, attachments: [], notices };
  }
}
