import { z } from 'zod';
import type { MessageSummary } from '../domain/message-summary';
import { request } from './define';
import { AccountIdSchema } from './schemas';

const SessionIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a POP3 session id.');
const UidlSchema = z.string().min(1).max(200);

export interface Pop3Listing {
  sessionId: string;
  /** Every message on the server, by unique id, in server order. */
  entries: { uidl: string; size: number }[];
  /** The server has no UIDL: ids are hashes of the header blocks. */
  uidlFallback: boolean;
  capabilities: string[];
}

export interface Pop3Message {
  uidl: string;
  size: number;
  raw: Uint8Array;
  /** Headers only: the message is over the account's size limit. */
  partial: boolean;
  summary: MessageSummary;
}

/**
 * POP3 download as three steps the renderer drives, so that main deletes only what the renderer
 * has durably committed: open (login + listing), retrieve (batches), finish (DELE + QUIT).
 * A session not finished within a few minutes is closed without QUIT, which deletes nothing.
 */
export const pop3Requests = {
  'pop3.open': request<Pop3Listing>()(z.object({ accountId: AccountIdSchema }).strict()),
  'pop3.retrieve': request<{ messages: Pop3Message[] }>()(
    z.object({ sessionId: SessionIdSchema, uidls: z.array(UidlSchema).max(2000), headersOnlyAbove: z.number().int().positive().optional() }).strict(),
  ),
  'pop3.finish': request<{ deleted: string[] }>()(z.object({ sessionId: SessionIdSchema, delete: z.array(UidlSchema).max(1_000_000) }).strict()),
  'pop3.abandon': request<{ abandoned: boolean }>()(z.object({ sessionId: SessionIdSchema }).strict()),
  /**
   * "Download the rest" of a message stored as headers only: the whole message replaces the partial
   * file in the account's Maildir (same id, flags and place). A message stored whole comes from disk.
   */
  'pop3.fetchMessage': request<{ raw: Uint8Array; summary: MessageSummary }>()(z.object({ accountId: AccountIdSchema, uidl: UidlSchema }).strict()),
};
