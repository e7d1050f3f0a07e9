import { z } from 'zod';
import { request } from './define';

export interface ParsedAttachment {
  filename?: string;
  contentType: string;
  size: number;
  inline: boolean;
}

/** A message as the reading pane shows it until the full reading view (safe HTML, inline images) takes over. */
export interface ParsedMessage {
  text: string;
  /** The message has an HTML body (its text above is derived from it when there is no plain part). */
  hasHtml: boolean;
  attachments: ParsedAttachment[];
  /** Problems the parser worked around, in words. */
  notices: string[];
}

const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export const messageRequests = {
  'message.parse': request<ParsedMessage>()(
    z.object({ raw: z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected the message bytes.').refine((raw) => raw.length <= MAX_MESSAGE_BYTES, 'The message is too large to show.') }).strict(),
  ),
};
