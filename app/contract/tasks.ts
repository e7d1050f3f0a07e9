import { z } from 'zod';
import { errorCodes, type ErrorInfo } from '../errors';
import { request } from './define';
import { AccountIdSchema } from './schemas';
import { EnvelopeSchema, MessageIdSchema } from './send';
import type { OpOutcome } from './imap';

/**
 * The user's pending work, kept by main in the data directory (it is the truth; the window's
 * IndexedDB tables are a cache rebuilt from it): messages in the outbox, IMAP operations not yet
 * acknowledged by the server, and drafts. Every record has a stable id chosen by the window when
 * the user acted, so a retried request never makes a second one.
 */

/** uuids and the like: safe as a file name in main. */
export const TaskIdSchema = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.@-]{0,127}$/, 'Not a task id.').refine((id) => !id.includes('..'), 'Not a task id.');

const TextSchema = (max: number) => z.string().max(max);
const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected bytes.');
const TimeSchema = z.number().int().min(0);
const MAX_BYTES = 100 * 1024 * 1024;

/** Errors are stored to show the user why a task waits; only their documented shape is kept. */
const ErrorInfoSchema = z
  .object({
    code: z.enum(errorCodes),
    message: TextSchema(4000),
    serverText: TextSchema(4000).optional(),
    protocol: z.enum(['imap', 'pop3', 'smtp']).optional(),
    transcriptSession: TextSchema(200).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough() as unknown as z.ZodType<ErrorInfo>;

/** A draft's addresses may be half-typed; they are checked when the message is built, not when saved. */
const DraftAddressSchema = z.object({ name: TextSchema(300).optional(), address: TextSchema(400) }).strict();
const DraftAddressesSchema = z.array(DraftAddressSchema).max(1000);

export const StoredDraftSchema = z
  .object({
    id: TaskIdSchema,
    accountId: AccountIdSchema,
    messageId: MessageIdSchema,
    from: DraftAddressSchema,
    to: DraftAddressesSchema,
    cc: DraftAddressesSchema,
    bcc: DraftAddressesSchema,
    subject: TextSchema(2000),
    format: z.enum(['plain', 'html']),
    text: TextSchema(MAX_BYTES),
    html: TextSchema(MAX_BYTES),
    attachments: z
      .array(z.object({ id: TextSchema(200), filename: TextSchema(500), contentType: TextSchema(200), size: z.number().int().min(0), content: BytesSchema }).strict())
      .max(500)
      .refine((list) => list.reduce((sum, a) => sum + a.content.length, 0) <= MAX_BYTES, 'The attachments are larger than 100 MB together.'),
    // As the original had them: checked when the message is built, not when a draft is saved.
    inReplyTo: TextSchema(998).optional(),
    references: z.array(TextSchema(998)).max(200).optional(),
    origin: z.object({ kind: z.enum(['reply', 'forward']), messageRecordId: TextSchema(2000), messageId: TextSchema(400).optional() }).strict().optional(),
    deliveryReceipt: z.boolean().optional(),
    createdAt: TimeSchema,
    updatedAt: TimeSchema,
    revision: z.number().int().min(0),
    copiedRevision: z.number().int().min(0).optional(),
    copiedAt: TimeSchema.optional(),
    copy: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('imap'), path: TextSchema(1000), uid: z.number().int().positive().optional() }).strict(),
        z.object({ kind: z.literal('local'), messageRecordId: TextSchema(2000) }).strict(),
      ])
      .optional(),
    copyError: ErrorInfoSchema.optional(),
  })
  // Not strict: a cache written by an older or newer window may carry a field this main does not know; it is dropped, the draft kept.
  .strip();

export type StoredDraft = z.infer<typeof StoredDraftSchema>;

/**
 * - queued: waits for its turn (at `nextAttemptAt`, 0 = now);
 * - submitting: main recorded this before talking to the SMTP server; found so after a restart,
 *   the message may or may not have been accepted (see main/store/task-store.ts);
 * - unclear: it may have gone out; it is not sent again without the user saying so;
 * - failed: the server refused it for a reason waiting does not fix;
 * - sent: accepted; only its copy in the IMAP Sent folder is still to be made.
 */
export const OutboxStateSchema = z.enum(['queued', 'submitting', 'unclear', 'failed', 'sent']);

/** An outbox entry without its bytes: the bytes are the .eml file in main's Outbox Maildir. */
export const SendTaskStateSchema = z
  .object({
    id: TaskIdSchema,
    accountId: AccountIdSchema,
    messageId: MessageIdSchema,
    envelope: EnvelopeSchema,
    subject: TextSchema(2000),
    state: OutboxStateSchema,
    attempts: z.number().int().min(0),
    queuedAt: TimeSchema,
    nextAttemptAt: TimeSchema,
    lastError: ErrorInfoSchema.optional(),
    sentCheckedAt: TimeSchema.optional(),
    unclearSince: TimeSchema.optional(),
    /** The draft as it was when sent, so the user can take it back to edit it. */
    draft: StoredDraftSchema,
  })
  .strict();

export type SendTaskState = z.infer<typeof SendTaskStateSchema>;
export type SendTask = SendTaskState & { raw: Uint8Array };

const RawSchema = BytesSchema.refine((raw) => raw.length > 0 && raw.length <= MAX_BYTES * 1.4, 'The message is empty or larger than Postbote sends.');

const ImapFlagSchema = z.string().regex(/^\\?[!#-'*+\-.0-9A-Z^-z|~]{1,64}$/, 'Not an IMAP flag.');

export const ImapOpTaskSchema = z
  .object({
    id: TaskIdSchema,
    accountId: AccountIdSchema,
    kind: z.enum(['flags', 'move', 'expunge']),
    path: z.string().min(1).max(1000),
    uids: z.array(z.number().int().positive()).min(1).max(5000),
    add: z.array(ImapFlagSchema).max(20).optional(),
    remove: z.array(ImapFlagSchema).max(20).optional(),
    target: z.string().min(1).max(1000).optional(),
    createdAt: TimeSchema,
    /** Not replayed before this time: the seconds in which the user can still undo it. */
    holdUntil: TimeSchema.optional(),
  })
  .strict()
  .refine((op) => op.kind !== 'move' || op.target !== undefined, 'A move needs its target folder.');

export type ImapOpTaskInput = z.infer<typeof ImapOpTaskSchema>;
/** `seq` is main's: the order operations were handed over, which is the order they replay in. */
export type ImapOpTask = ImapOpTaskInput & { seq: number; attempts: number; lastError?: string };

export interface PendingWork {
  outbox: SendTask[];
  imapOps: ImapOpTask[];
  drafts: StoredDraft[];
}

/** How a queued IMAP operation ended: done now by the server, or settled before this request (a retried request). */
export type ImapOpRun = OpOutcome & { settled: 'now' | 'before' };

const OutboxPatchSchema = z
  .object({
    state: z.enum(['queued', 'unclear', 'failed', 'sent']).optional(),
    attempts: z.number().int().min(0).optional(),
    nextAttemptAt: TimeSchema.optional(),
    lastError: ErrorInfoSchema.optional(),
    sentCheckedAt: TimeSchema.optional(),
    unclearSince: TimeSchema.optional(),
  })
  .strict();

export const taskRequests = {
  /**
   * What is pending: the window rebuilds its outbox, drafts and queue tables from this at start.
   * `only` names the kinds wanted (the others come back empty): the queue needs no message bytes.
   */
  'tasks.list': request<PendingWork>()(z.object({ only: z.array(z.enum(['outbox', 'imapOps', 'drafts'])).min(1).max(3).optional() }).strict()),
  /**
   * Send, the local step: the built message joins the outbox (its .eml file first, then its state)
   * and its draft leaves, in that order, so the user's message is always in at least one of them.
   */
  'tasks.queueSend': request<{ queued: true }>()(z.object({ entry: SendTaskStateSchema, raw: RawSchema }).strict()),
  /** The window's own bookkeeping of an outbox entry (its backoff, the Sent check, the user's "retry"). */
  'tasks.updateSend': request<{ updated: boolean }>()(z.object({ id: TaskIdSchema, patch: OutboxPatchSchema }).strict()),
  /**
   * "Edit" on an outbox entry: it goes back to the drafts — the draft written first, then the entry
   * removed, so a crash in between keeps the message in the outbox. Refused while it is being sent.
   */
  'tasks.unqueueSend': request<{ unqueued: boolean }>()(z.object({ id: TaskIdSchema, draft: StoredDraftSchema }).strict()),
  /** An IMAP operation the user made, persisted before it is replayed. Adding the same id again changes nothing. */
  'tasks.addImapOp': request<{ added: boolean }>()(z.object({ op: ImapOpTaskSchema }).strict()),
  /** The remote step of a queued IMAP operation, run by main; the task leaves only after the server acknowledged it. */
  'tasks.runImapOp': request<ImapOpRun>()(z.object({ id: TaskIdSchema }).strict()),
  /**
   * Drops a task: the user cancelled it (Undo, removed from the outbox, back to Drafts), or the
   * window settled it (found in Sent, confirmed by the user). Dropping one that is gone is not an error.
   */
  'tasks.cancel': request<{ cancelled: boolean }>()(z.object({ kind: z.enum(['send', 'imapOp']), id: TaskIdSchema }).strict()),
  'drafts.list': request<{ drafts: StoredDraft[] }>()(z.object({}).strict()),
  'drafts.read': request<{ draft: StoredDraft | null }>()(z.object({ id: TaskIdSchema }).strict()),
  /** Saves a draft; an older revision than the one on disk is ignored (two saves crossing). */
  'drafts.save': request<{ saved: boolean }>()(z.object({ draft: StoredDraftSchema }).strict()),
  'drafts.remove': request<{ removed: boolean }>()(z.object({ id: TaskIdSchema }).strict()),
};
