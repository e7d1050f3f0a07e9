import { z } from 'zod';
import type { MessageSummary } from '../domain/message-summary';
import { event, request } from './define';
import { AccountIdSchema } from './schemas';
import { FlagSchema as ImapFlagSchema, PathSchema as ImapPathSchema } from './imap';

/**
 * Mail that exists only on this computer: POP3 accounts' folders and Local Folders, kept by main as
 * Maildir++ trees under the data directory. A store is a POP3 account's id, or 'local'. A message's
 * id is its file name's unique part, stable across flag changes and moves.
 */
const StoreSchema = AccountIdSchema;
const FolderSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => name === 'INBOX' || (!name.includes('/') && !name.startsWith('.') && !name.endsWith('.') && !name.includes('..') && !name.includes('\0')), 'Not a folder name.');
const MessageIdSchema = z.string().regex(/^[^/:.][^/:]{0,254}$/, 'Not a message of this folder.');
const IdsSchema = z.array(MessageIdSchema).min(1).max(10_000);
const FlagSchema = z.enum(['D', 'F', 'P', 'R', 'S', 'T']);
const RawSchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected the message’s bytes.')
  .refine((bytes) => bytes.length > 0 && bytes.length <= 256 * 1024 * 1024, 'The message is empty or too large.');

export type LocalFlag = z.infer<typeof FlagSchema>;

export interface LocalEntry {
  id: string;
  /** Maildir flags: D draft, F flagged, P passed (forwarded), R replied, S seen, T trashed. */
  flags: LocalFlag[];
  size: number;
  /** When it arrived here (ms). */
  mtime: number;
  /** With `withSummary`: what the list needs, from the header block. */
  summary?: MessageSummary;
  /** POP3 Inbox: the server's id, and whether only the header block came down. */
  uidl?: string;
  partial?: boolean;
  /** POP3 Inbox: the message's size on the server (larger than the file when partial). */
  serverSize?: number;
}

export interface LocalStorageInfo {
  /** The folder on disk that holds every Maildir. */
  root: string;
  stores: { store: string; path: string; bytes: number; messages: number }[];
  bytes: number;
  messages: number;
}

export interface Pop3DownloadResult {
  onServer: number;
  downloaded: number;
  deleted: number;
  uidlFallback: boolean;
}

export interface ImportReport {
  imported: number;
  /** What was not imported, and why (an empty piece, no header block, already in the folder). */
  skipped: { item: string; reason: string }[];
}

const ImportFileSchema = z.object({ name: z.string().min(1).max(500), content: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected the file’s bytes.') }).strict();

/** One end of a move between accounts: a folder on an IMAP server, or a Maildir folder main keeps. */
const ImapPlace = { kind: z.literal('imap'), accountId: AccountIdSchema, path: ImapPathSchema };
const LocalPlace = { kind: z.literal('local'), store: StoreSchema, folder: FolderSchema };

export interface MoveAcrossResult {
  /** Stored durably in the target and then removed from the source. */
  moved: number;
  /** No longer in the source when asked for. */
  missing: number;
}

export const localMailRequests = {
  /**
   * Moves messages between accounts when one side is on disk (a POP3 account's folders, Local
   * Folders): each message is stored in the target first — fsynced into the Maildir, or APPENDed
   * and confirmed by the server — and removed from the source only after that. A failure part-way
   * leaves every message in the source, the target, or both; never in neither.
   */
  'mail.moveAcross': request<MoveAcrossResult>()(
    z
      .object({
        from: z.discriminatedUnion('kind', [
          z.object({ ...ImapPlace, messages: z.array(z.object({ uid: z.number().int().positive(), flags: z.array(ImapFlagSchema).max(20) }).strict()).min(1).max(1000) }).strict(),
          z.object({ ...LocalPlace, ids: z.array(MessageIdSchema).min(1).max(1000) }).strict(),
        ]),
        to: z.discriminatedUnion('kind', [z.object(ImapPlace).strict(), z.object(LocalPlace).strict()]),
      })
      .strict(),
  ),
  /** One POP3 check done wholly in main: into the account's Maildir, ledger, then DELE as the policy says, QUIT. */
  'pop3.download': request<Pop3DownloadResult>()(z.object({ accountId: AccountIdSchema, /** The clock of the retention policy (tests). */ now: z.number().int().positive().optional() }).strict()),
  'local.folders': request<{ folders: string[] }>()(z.object({ store: StoreSchema }).strict()),
  'local.createFolder': request<{ created: true }>()(z.object({ store: StoreSchema, folder: FolderSchema }).strict()),
  'local.list': request<{ entries: LocalEntry[]; total: number }>()(
    z.object({ store: StoreSchema, folder: FolderSchema, ids: z.array(MessageIdSchema).max(5000).optional(), withSummary: z.boolean().optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(5000).optional(), newestFirst: z.boolean().optional() }).strict(),
  ),
  'local.read': request<{ messages: { id: string; raw: Uint8Array }[] }>()(z.object({ store: StoreSchema, folder: FolderSchema, ids: z.array(MessageIdSchema).min(1).max(500) }).strict()),
  'local.setFlags': request<{ changed: number }>()(
    z.object({ store: StoreSchema, folder: FolderSchema, ids: IdsSchema, add: z.array(FlagSchema).max(6).default([]), remove: z.array(FlagSchema).max(6).default([]) }).strict(),
  ),
  'local.move': request<{ moved: string[] }>()(z.object({ store: StoreSchema, from: FolderSchema, to: FolderSchema, ids: IdsSchema }).strict()),
  'local.delete': request<{ deleted: string[] }>()(z.object({ store: StoreSchema, folder: FolderSchema, ids: IdsSchema }).strict()),
  'local.append': request<{ id: string }>()(z.object({ store: StoreSchema, folder: FolderSchema, raw: RawSchema, flags: z.array(FlagSchema).max(6).default([]) }).strict()),
  /**
   * Writes a folder (or every folder of the store) into the data directory's exports/ and says where:
   * one mboxrd file (Thunderbird, mutt), or a zip of .eml files, one per message.
   */
  'local.export': request<{ path: string; messages: number; bytes: number }>()(z.object({ store: StoreSchema, folder: FolderSchema.optional(), format: z.enum(['mboxrd', 'eml-zip']).default('mboxrd') }).strict()),
  /** Imports an mbox, or .eml files, into a folder; reports what it skipped and why. */
  'local.import': request<ImportReport>()(
    z
      .object({ store: StoreSchema, folder: FolderSchema, mbox: ImportFileSchema.optional(), files: z.array(ImportFileSchema).max(100_000).optional() })
      .strict()
      .refine((v) => v.mbox !== undefined || v.files !== undefined, 'Give an mbox or .eml files.'),
  ),
  'local.storage': request<LocalStorageInfo>()(z.object({}).strict()),
  /** Opens the folder that holds the mail in the system's file manager. */
  'local.openFolder': request<{ opened: true }>()(z.object({ store: StoreSchema.optional() }).strict()),
};

export const localMailEvents = {
  /** New or changed files in a store's folder: the window re-indexes it. */
  'local.changed': event<{ store: string; folder: string; added?: string[] }>(),
};
