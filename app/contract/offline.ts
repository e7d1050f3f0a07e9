import { z } from 'zod';
import { request } from './define';
import { AccountIdSchema } from './schemas';

/**
 * "Keep offline": raw sources of many messages of one IMAP folder in one round trip, stored by the
 * renderer as they are (parsing waits until a message is opened). `missing` are UIDs the server no
 * longer has.
 */
export const offlineRequests = {
  'imap.sources': request<{ messages: { uid: number; raw: Uint8Array }[]; missing: number[] }>()(
    z.object({ accountId: AccountIdSchema, path: z.string().min(1).max(1000), uids: z.array(z.number().int().positive()).min(1).max(200) }).strict(),
  ),
};
