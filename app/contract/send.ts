import { z } from 'zod';
import type { BuiltMessage, SendReceipt, SubmissionOutcome } from '../domain/outgoing';
import { request } from './define';
import { AccountIdSchema, EmailSchema } from './schemas';

const MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

const BytesSchema = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected bytes.');

/** `<local@domain>`: fixed when the draft is created. */
export const MessageIdSchema = z.string().max(400).regex(/^<[^<>\s]+@[^<>\s]+>$/, 'Not a Message-ID.');

export const MailAddressSchema = z
  .object({
    name: z.string().max(300).regex(/^[^\r\n]*$/, 'A name has no line breaks.').optional(),
    address: EmailSchema,
  })
  .strict();

const AddressListSchema = z.array(MailAddressSchema).max(1000);

export const OutgoingMessageSchema = z
  .object({
    from: MailAddressSchema,
    to: AddressListSchema,
    cc: AddressListSchema,
    replyTo: AddressListSchema.optional(),
    subject: z.string().max(2000).regex(/^[^\r\n]*$/, 'A subject has no line breaks.'),
    text: z.string().max(MAX_MESSAGE_BYTES),
    html: z.string().max(MAX_MESSAGE_BYTES).optional(),
    attachments: z
      .array(z.object({ filename: z.string().min(1).max(500), contentType: z.string().max(200).regex(/^[\w.+-]+\/[\w.+-]+$/, 'Not a content type.'), content: BytesSchema }).strict())
      .max(500)
      .refine((list) => list.reduce((sum, a) => sum + a.content.length, 0) <= MAX_MESSAGE_BYTES, 'The attachments are larger than 100 MB together.'),
    messageId: MessageIdSchema,
    date: z.number().int().positive(),
    inReplyTo: MessageIdSchema.optional(),
    references: z.array(MessageIdSchema).max(200).optional(),
  })
  .strict();

export const EnvelopeSchema = z.object({ from: EmailSchema, to: z.array(EmailSchema).min(1, 'Add at least one recipient.').max(1000) }).strict();

const RawMessageSchema = BytesSchema.refine((raw) => raw.length > 0 && raw.length <= MAX_MESSAGE_BYTES * 1.4, 'The message is empty or larger than Postbote sends.');

/** The special folders sending and drafts write to; main finds them by SPECIAL-USE or their usual names. */
export const MailboxRoleSchema = z.enum(['\\Sent', '\\Drafts']);

export interface AppendOutcome {
  path: string;
  uid?: number;
  uidValidity?: string;
  /** Earlier versions (same Message-ID) removed after the new one was stored. */
  replaced: number;
}

export const sendRequests = {
  /** Builds the RFC 5322 message with nodemailer's composer: the bytes that are sent, filed in Sent and saved as a draft. */
  'compose.build': request<BuiltMessage>()(OutgoingMessageSchema),
  /**
   * Submits a built message over the account's SMTP server and, for IMAP accounts, files it in Sent
   * (unless it is there already). Failures say how far the message got (`details.delivery`) and
   * whether trying later may help (`details.temporary`).
   */
  'smtp.send': request<SendReceipt>()(
    z
      .object({
        accountId: AccountIdSchema,
        raw: RawMessageSchema,
        envelope: EnvelopeSchema,
        messageId: MessageIdSchema,
        /** Append to the IMAP Sent folder after the server accepted it. */
        saveCopy: z.boolean(),
        /** Ask for delivery status notifications on success too (DSN NOTIFY=SUCCESS). */
        deliveryReceipt: z.boolean().optional(),
      })
      .strict(),
  ),
  /** What became of a submission this main process ran (waits while it runs); 'unknown' after a restart of main. */
  'smtp.outcome': request<SubmissionOutcome>()(z.object({ messageId: MessageIdSchema }).strict()),
  /** APPEND to an IMAP special folder; with `replacePrevious`, older messages with the same Message-ID go afterwards. */
  'imap.append': request<AppendOutcome>()(
    z
      .object({
        accountId: AccountIdSchema,
        role: MailboxRoleSchema,
        raw: RawMessageSchema,
        flags: z.array(z.string().regex(/^\\?[!#-'*+\-.0-9A-Z^-z|~]{1,64}$/)).max(10),
        messageId: MessageIdSchema,
        replacePrevious: z.boolean(),
      })
      .strict(),
  ),
  /** UIDs of the messages with this Message-ID in an IMAP special folder (SEARCH HEADER Message-ID). */
  'imap.findMessage': request<{ path: string; uids: number[] }>()(z.object({ accountId: AccountIdSchema, role: MailboxRoleSchema, messageId: MessageIdSchema }).strict()),
};
