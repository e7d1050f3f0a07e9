import { onScopeDispose, reactive, ref, toRaw, watch } from 'vue';
import type { Account } from '../../app/domain/account';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api } from '../api';
import { formatAddressList, parseAddressList } from './addresses';
import { copyDraft, discardDraft, removeServerDraftCopies, saveDraft, type DraftDeps } from './drafts';
import { replayPendingOps } from '../mailbox';
import { htmlToText, textToHtml } from './html-text';
import { localCopyTables, removeLocalCopy } from './local-copy';
import { queueDraft } from './queue';
import { keepDraftInMain } from './drafts-in-main';
import { sanitizeOutgoingHtml } from './sanitize-composed-html';
import { db, durableTwin } from '../db/database';
import type { DraftRecord } from '../db/tables/compose';
import { ifNoOtherWriter, windowLocks } from './draft-writer';
import type { ComposerWindowLink } from './popup-link';

/** Drafts' dependencies: main, the cache, and the mailbox's pending-ops queue that removes older server copies. */
export const draftDeps: DraftDeps = { api, db, replayQueued: (accountId) => replayPendingOps(accountId, { api, db }) };

const LOCAL_SAVE_MS = 400;
const COPY_MS = 4000;
const durable = durableTwin(db);
const asInfo = (caught: unknown): ErrorInfo => (caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) });

/**
 * One open draft: edited in memory, saved here shortly after every change and copied to Drafts
 * after a pause in typing; sent, discarded or closed with everything saved first. In a composer
 * window of its own (`link`), every change also goes to the main window at once, and this window
 * saves and copies only while it is the draft's writer (draft-follower.ts says who is when).
 */
export function useDraftEditor(draftId: string, options: { link?: ComposerWindowLink } = {}) {
  const { link } = options;
  const locks = windowLocks();
  const draft = ref<DraftRecord>();
  const fields = reactive({ to: '', cc: '', bcc: '' });
  const invalid = ref<string[]>([]);
  const status = ref<Pick<DraftRecord, 'updatedAt' | 'copiedAt' | 'copyError' | 'copiedRevision' | 'revision'>>();
  const error = ref<ErrorInfo>();
  const sending = ref(false);
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let copyTimer: ReturnType<typeof setTimeout> | undefined;
  let pending: Promise<unknown> = Promise.resolve();
  let dirty = false;

  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = pending.then(work);
    pending = next.catch(() => undefined);
    return next;
  };

  async function load(): Promise<void> {
    const stored = await db.drafts.get(draftId);
    if (!stored) return;
    Object.assign(fields, { to: formatAddressList(stored.to), cc: formatAddressList(stored.cc), bcc: formatAddressList(stored.bcc) });
    status.value = stored;
    draft.value = stored;
  }

  /** The draft as it is saved: the editor's HTML sanitized. */
  const snapshot = (raw: DraftRecord): DraftRecord => (raw.format === 'html' ? { ...raw, html: sanitizeOutgoingHtml(raw.html) } : raw);

  const saveNow = () =>
    serial(async () => {
      // Another window writes the draft (the main window, which hears every change): it saves this.
      if (!draft.value || !dirty || (link && !link.isWriter())) return;
      dirty = false;
      const current = snapshot(structuredClone(toRaw(draft.value)));
      status.value = await saveDraft(db, current);
      // Main keeps drafts on disk; one that cannot reach it now is handed over at the next save or start.
      await keepDraftInMain(api, db, draftId).catch(() => undefined);
    });

  const copyNow = () =>
    serial(async () => {
      const copy = async () => {
        const copied = await copyDraft(draftId, draftDeps);
        if (copied) status.value = copied;
      };
      // One window copies a draft at a time, or the server gets two copies: the docked composer only when no composer window writes it.
      if (link) await (link.isWriter() ? copy() : undefined);
      else await ifNoOtherWriter(locks, draftId, copy);
    });

  function changed(): void {
    // Before it is shown: a window closed the next moment has told the main window everything it showed.
    if (link && draft.value) link.changed(snapshot(toRaw(draft.value)));
    dirty = true;
    clearTimeout(saveTimer);
    clearTimeout(copyTimer);
    saveTimer = setTimeout(() => void saveNow(), LOCAL_SAVE_MS);
    copyTimer = setTimeout(() => void copyNow(), COPY_MS);
  }

  watch(fields, () => {
    if (!draft.value) return;
    const parsed = (['to', 'cc', 'bcc'] as const).map((field) => [field, parseAddressList(fields[field])] as const);
    for (const [field, result] of parsed) if (JSON.stringify(draft.value[field]) !== JSON.stringify(result.addresses)) draft.value[field] = result.addresses;
    invalid.value = parsed.flatMap(([, result]) => result.invalid);
  });
  watch(draft, (value, old) => value && old && changed(), { deep: true });

  async function flush(): Promise<void> {
    clearTimeout(saveTimer);
    clearTimeout(copyTimer);
    await saveNow();
  }

  function setFormat(format: DraftRecord['format']): void {
    if (!draft.value || draft.value.format === format) return;
    if (format === 'html') draft.value.html = textToHtml(draft.value.text);
    else draft.value.text = htmlToText(sanitizeOutgoingHtml(draft.value.html));
    draft.value.format = format;
  }

  /** The identity decides the server: a copy in the old account's Drafts goes, the next save makes one in the new. */
  async function setAccount(account: Account): Promise<void> {
    if (!draft.value || draft.value.accountId === account.id) return;
    // It removes the old account's copy: done by the writer only.
    await link?.takeOver();
    await flush();
    const { copy, accountId, messageId } = draft.value;
    if (copy?.kind === 'local') await db.transaction('rw', localCopyTables(db), async () => await removeLocalCopy(db, copy.messageRecordId));
    if (copy?.kind === 'imap') void removeServerDraftCopies(accountId, messageId, draftDeps, copy);
    await db.drafts.update(draftId, { copy: undefined, copiedRevision: undefined, copyError: undefined });
    draft.value.accountId = account.id;
    draft.value.from = account.displayName ? { name: account.displayName, address: account.email } : { address: account.email };
  }

  async function addFiles(files: Iterable<File>): Promise<void> {
    for (const file of files) {
      const content = new Uint8Array(await file.arrayBuffer());
      const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.type) ? file.type : 'application/octet-stream';
      draft.value?.attachments.push({ id: globalThis.crypto.randomUUID(), filename: file.name || 'attachment', contentType, size: content.length, content });
    }
  }

  function removeAttachment(id: string): void {
    if (draft.value) draft.value.attachments = draft.value.attachments.filter((a) => a.id !== id);
  }

  /** Send: saved, then moved to the outbox; the outbox does the rest. Returns whether it was queued. */
  async function send(): Promise<boolean> {
    if (!draft.value) return false;
    error.value = undefined;
    if (invalid.value.length) {
      error.value = { code: 'INVALID_INPUT', message: `Not an email address: ${invalid.value.join(', ')}` };
      return false;
    }
    sending.value = true;
    try {
      await link?.takeOver();
      dirty = true;
      await flush();
      const stored = await db.drafts.get(draftId);
      if (!stored) return false;
      await queueDraft(stored, { ...draftDeps, durable });
      return true;
    } catch (caught) {
      error.value = asInfo(caught);
      return false;
    } finally {
      sending.value = false;
    }
  }

  async function discard(): Promise<void> {
    await link?.takeOver();
    await flush();
    await serial(() => discardDraft(draftId, draftDeps));
  }

  /** Closing keeps the draft: saved here at once, and copied to Drafts in the background. */
  async function close(): Promise<void> {
    await flush();
    void copyNow();
  }

  // Closed without a word (another draft opened in its place): what was typed is saved all the same.
  onScopeDispose(() => void flush().then(copyNow));
  // The main window let go (gone, or asked to): what this window shows may be newer than what it saved.
  link?.onWriter(() => {
    dirty = true;
    void saveNow();
  });
  void load();
  /** "Save draft": here and in Drafts, now. */
  async function saveAndCopy(): Promise<void> {
    dirty = true;
    await flush();
    await copyNow();
  }

  return { draft, fields, invalid, status, error, sending, setFormat, setAccount, addFiles, removeAttachment, send, discard, close, flush, saveAndCopy };
}
