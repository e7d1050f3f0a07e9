import { z } from 'zod';
import type { SenderListEntry } from '../domain/sender-lists';
import { request } from './define';
import { EmailSchema } from './schemas';

/** The block and trust lists of senders, kept by main in the data folder (they outlive a browser profile). */
export const senderRequests = {
  'senders.list': request<SenderListEntry[]>()(z.object({}).strict()),
  /** Puts an address on a list (taking it off the other), or off both with `list: 'none'`; answers the new lists. */
  'senders.set': request<SenderListEntry[]>()(z.object({ address: EmailSchema, list: z.enum(['blocked', 'trusted', 'none']) }).strict()),
};
