import { z } from 'zod';
import type { ServerReport } from '../domain/server-report';
import type { SessionInfo, TranscriptEntry } from '../domain/transcript';
import { request } from './define';
import { AccountIdSchema } from './schemas';

const SessionIdSchema = z.string().uuid();

export const insightRequests = {
  /** Sessions in the transcript, newest first; of one account, or all (a failed "Add account" test has none). */
  'transcript.sessions': request<SessionInfo[]>()(z.object({ accountId: AccountIdSchema.optional() }).strict()),
  /** Entries after `afterSeq` (so a viewer can follow live), of one session or account, at most `limit`. */
  'transcript.entries': request<TranscriptEntry[]>()(
    z.object({ session: SessionIdSchema.optional(), accountId: AccountIdSchema.optional(), afterSeq: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(20_000).optional() }).strict(),
  ),
  /** One session as plain text, credentials still redacted, for copying into a support request. */
  'transcript.export': request<{ text: string; filename: string }>()(z.object({ session: SessionIdSchema }).strict()),
  'insight.serverReport': request<ServerReport>()(z.object({ accountId: AccountIdSchema }).strict()),
};
