import { z } from 'zod';
import type { FolderDelta, ImapFolderInfo, ImapHeader, NewestHeaders, NewMessages } from '../domain/imap-sync';
import type { ServerSearchResult } from '../domain/server-search';
import { event, request } from './define';
import { AccountIdSchema } from './schemas';

export const PathSchema = z.string().min(1).max(1000);
const UidsSchema = z.array(z.number().int().positive()).min(1).max(5000);
export const FlagSchema = z.string().regex(/^\\?[!#-'*+\-.0-9A-Z^-z|~]{1,64}$/, 'Not an IMAP flag.');
const CursorSchema = z.object({ uidValidity: z.string().regex(/^\d+$/), uidNext: z.number().int().positive(), highestModseq: z.string().regex(/^\d+$/).optional() }).strict();

export interface OpOutcome {
  /** Messages the server changed; 0 means they were gone from the server already. */
  affected: number;
  /** Move and copy on a server with UIDPLUS: [source UID, target UID] of each message (COPYUID), what undoing on the server needs. */
  uidMap?: [number, number][];
}

const WordsSchema = z.array(z.string().min(1).max(200)).max(10).optional();
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional();
const SearchCriteriaSchema = z
  .object({
    text: WordsSchema,
    from: WordsSchema,
    to: WordsSchema,
    cc: WordsSchema,
    subject: WordsSchema,
    since: DaySchema,
    before: DaySchema,
    larger: z.number().int().nonnegative().optional(),
    smaller: z.number().int().positive().optional(),
    unseen: z.boolean().optional(),
    flagged: z.boolean().optional(),
  })
  .strict();

const target = { accountId: AccountIdSchema, path: PathSchema };

export const imapRequests = {
  'imap.folders': request<ImapFolderInfo[]>()(z.object({ accountId: AccountIdSchema }).strict()),
  'imap.sync': request<FolderDelta>()(
    z.object({ ...target, cursor: CursorSchema.optional(), knownUids: z.string().max(4_000_000).regex(/^[\d:,]*$/).optional(), refreshUids: z.string().max(10_000).regex(/^[\d:,]+$/).optional() }).strict(),
  ),
  'imap.headers': request<ImapHeader[]>()(z.object({ ...target, uids: UidsSchema }).strict()),
  /** The newest `count` headers of a folder by message number, for a first sync's first screen. */
  'imap.newest': request<NewestHeaders>()(z.object({ ...target, count: z.number().int().min(1).max(500) }).strict()),
  'imap.source': request<{ raw: Uint8Array }>()(z.object({ ...target, uid: z.number().int().positive() }).strict()),
  'imap.store': request<OpOutcome>()(z.object({ ...target, uids: UidsSchema, add: z.array(FlagSchema).max(20), remove: z.array(FlagSchema).max(20) }).strict()),
  'imap.move': request<OpOutcome>()(z.object({ ...target, uids: UidsSchema, target: PathSchema }).strict()),
  'imap.copy': request<OpOutcome>()(z.object({ ...target, uids: UidsSchema, target: PathSchema }).strict()),
  'imap.expunge': request<OpOutcome>()(z.object({ ...target, uids: UidsSchema }).strict()),
  /**
   * Moves messages to a folder of another account: APPEND of each source (with its flags) to the
   * target, then — only for those the target stored — \Deleted and UID EXPUNGE in the source.
   * `missing` are UIDs the source no longer had.
   */
  'imap.moveToAccount': request<{ moved: number; missing: number }>()(
    z
      .object({
        ...target,
        messages: z.array(z.object({ uid: z.number().int().positive(), flags: z.array(FlagSchema).max(20) }).strict()).min(1).max(1000),
        targetAccountId: AccountIdSchema,
        targetPath: PathSchema,
      })
      .strict(),
  ),
  'imap.createFolder': request<{ created: boolean }>()(z.object(target).strict()),
  'imap.renameFolder': request<{ renamed: boolean }>()(z.object({ ...target, newPath: PathSchema }).strict()),
  'imap.deleteFolder': request<{ deleted: boolean }>()(z.object(target).strict()),
  /** UID SEARCH in one folder (ESEARCH when offered, CHARSET UTF-8 for non-ASCII words). */
  'imap.search': request<ServerSearchResult>()(z.object({ ...target, criteria: SearchCriteriaSchema, limit: z.number().int().positive().max(5000).default(500) }).strict()),
  /** Starts (once) the IDLE watch of the account's INBOX; new mail arrives as `imap.newMessages`, other changes as `imap.folderChanged`. */
  'imap.watch': request<{ watching: boolean }>()(z.object({ accountId: AccountIdSchema }).strict()),
  /**
   * The account's server may be back: main forgets its pause after failed logins and opens IDLE
   * again first (so nothing arriving during the following sync is missed). Fails while it is away.
   */
  'imap.reconnect': request<{ reconnected: true }>()(z.object({ accountId: AccountIdSchema }).strict()),
};

export const imapEvents = {
  'imap.folderChanged': event<{ accountId: string; path: string }>(),
  /** New mail the IDLE connection fetched itself after an EXISTS: no folder sync needed when the store's cursor reached `fromUid`. */
  'imap.newMessages': event<{ accountId: string } & NewMessages>(),
  /** The account's IDLE connection lost its server (it hung up or went away): the account is offline. */
  'imap.connectionLost': event<{ accountId: string }>(),
};
