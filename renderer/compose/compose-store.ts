import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Account } from '../../app/domain/account';
import type { MailtoFields } from '../../app/domain/mailto';
import type { MailtoFields as LinkFields } from '../../app/mailto';
import { parseAddressList } from './addresses';
import { ownAddresses } from './identities';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api, bridgeToken, transportKind } from '../api';
import { blankDraft, forwardDraft, mailtoDraft, replyDraft, type DraftContext, type Original } from './draft-factory';
import { copyDraft, saveDraft, saveDraftIfStored } from './drafts';
import { keepDraftInMain } from './drafts-in-main';
import { loadSignature } from './signatures';
import { draftFromMessage } from './draft-from-message';
import { unqueue } from './queue';
import type { QuoteWords } from './quote';
import { sanitizeOutgoingHtml } from './sanitize-composed-html';
import { db } from '../db/database';
import type { DraftRecord } from '../db/tables/compose';
import type { MessageRecord } from '../db/tables/core';
import { i18n } from '../i18n';
import { loadRawSource } from '../db/raw-source';
import { useAccountsStore } from '../accounts';
import { useSelectionStore } from '../mailbox';
import { usePreferencesStore } from '../settings';
import { composerUrl, draftChannel, reserveComposerWindow, type ReservedWindow } from './compose-popup';
import { createDraftFollower } from './draft-follower';
import { windowLocks } from './draft-writer';
import { draftDeps } from './useDraftEditor';

/**
 * Where a composer opens: docked in this window, or in a window of its own. In browser mode that
 * window is opened (blank) at the click itself, because browsers allow popups only there; null
 * when the browser blocked it.
 */
export type Placement = { separate: false } | { separate: true; reserved?: ReservedWindow | null };

export type Response = 'reply' | 'replyAll' | 'forward' | 'forwardAsAttachment';

function quoteWords(): QuoteWords {
  const { t, d } = i18n.global;
  return {
    wrote: (date, name) => t('compose.wrote', { date, name }),
    forwarded: t('compose.forwarded'),
    subject: t('compose.headerSubject'),
    date: t('compose.headerDate'),
    from: t('compose.headerFrom'),
    to: t('compose.headerTo'),
    cc: t('compose.headerCc'),
    formatDate: (ms) => d(new Date(ms), 'long'),
  };
}

/** The composer: which draft is open, and how a new one starts (blank, a reply, a forward, an old draft). */
export const useComposeStore = defineStore('compose', () => {
  const accounts = useAccountsStore();
  const selection = useSelectionStore();
  const preferences = usePreferencesStore();
  const draftId = ref<string>();
  const preparing = ref(false);
  const error = ref<ErrorInfo>();
  /** The last attempt to open a composer window was blocked: the docked composer says so. */
  const windowBlocked = ref(false);
  /** Browser mode: the composer windows this window opened, to bring one forward when its draft is opened again. */
  const windows = new Map<string, ReservedWindow>();
  let sentInWindow: (accountId: string) => void = () => undefined;
  const follower = createDraftFollower({
    locks: windowLocks(),
    write: async (draft) => {
      if (await saveDraftIfStored(db, draft)) await keepDraftInMain(api, db, draft.id).catch(() => undefined);
    },
    copy: async (id) => void (await copyDraft(id, draftDeps)),
    sent: (accountId) => sentInWindow(accountId),
  });

  /** The main window follows the composer windows: it keeps their drafts and runs what they send (`onSent`). */
  function followWindows(onSent: (accountId: string) => void): void {
    sentInWindow = onSent;
    draftChannel().follow(follower.hear);
  }

  /** Shift+click does the other of what the setting says. Called inside the click: a browser popup is opened right there. */
  function placement(event?: { shiftKey?: boolean }): Placement {
    if (preferences.composeInWindow === Boolean(event?.shiftKey)) return { separate: false };
    return transportKind === 'electron' ? { separate: true } : { separate: true, reserved: reserveComposerWindow(window) };
  }

  /**
   * The draft in a window of its own. This window becomes the draft's writer first (draft-follower.ts),
   * then the window opens; false when none could (a blocked popup).
   */
  async function showInWindow(id: string, reserved: ReservedWindow | null | undefined): Promise<boolean> {
    const existing = windows.get(id);
    if (existing && !existing.closed) {
      if (reserved && reserved !== existing) reserved.close();
      existing.focus();
      return true;
    }
    if (transportKind !== 'electron' && (!reserved || reserved.closed)) return false;
    if (!(await follower.adopt(id))) {
      // Another composer window writes it already (opened before this window was reloaded).
      reserved?.close();
      return true;
    }
    let opened = false;
    if (transportKind === 'electron') {
      opened = (await api.call('desktop.openComposer', { draftId: id }).catch(() => ({ opened: false }))).opened;
    } else if (reserved) {
      reserved.location.replace(composerUrl(window.location, id, bridgeToken));
      windows.set(id, reserved);
      opened = true;
    }
    if (!opened) follower.abandon(id);
    return opened;
  }

  /** ⧉ on the docked composer (its draft saved first): the draft moves to a window of its own, or stays when blocked. */
  async function popOut(id: string, reserved: ReservedWindow | null | undefined): Promise<void> {
    const opened = await showInWindow(id, reserved);
    windowBlocked.value = !opened;
    if (opened && draftId.value === id) draftId.value = undefined;
  }

  async function context(account: Account): Promise<DraftContext> {
    // The signature this window kept before signatures were saved with the account, until the account has one.
    const signature = account.signature === undefined ? await loadSignature(account.id) : '';
    return { account, sanitize: sanitizeOutgoingHtml, ...(signature ? { signature } : {}) };
  }

  function accountFor(accountId: string | undefined): Account {
    const account = accounts.accounts.find((a) => a.id === accountId) ?? accounts.accounts[0];
    if (!account) throw new PostboteError({ code: 'NOT_FOUND', message: 'Add an account first: messages are sent through an account’s server.' });
    return account;
  }

  async function open(make: () => Promise<DraftRecord>, where: Placement = { separate: false }): Promise<void> {
    preparing.value = true;
    error.value = undefined;
    const reserved = where.separate ? where.reserved : undefined;
    try {
      const draft = await make();
      if (!(await db.drafts.get(draft.id))) {
        await saveDraft(db, draft);
        await keepDraftInMain(api, db, draft.id).catch(() => undefined);
      }
      // A draft already in a window of its own is brought forward there, never edited twice.
      const inWindow = windows.get(draft.id);
      if (where.separate || (inWindow && !inWindow.closed) || follower.following(draft.id)) {
        if (await showInWindow(draft.id, reserved)) {
          windowBlocked.value = false;
          return;
        }
        windowBlocked.value = where.separate;
      }
      draftId.value = draft.id;
    } catch (caught) {
      reserved?.close();
      error.value = caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) };
    } finally {
      preparing.value = false;
    }
  }

  /** A mailto: link (clicked, handed over by the system or `postbote compose`): a new message to its recipients. */
  const writeFromMailto = (fields: LinkFields, accountId?: string) =>
    open(async () => mailtoDraft(await context(accountFor(accountId ?? selection.accountId)), fields, (list) => parseAddressList(list).addresses), placement());

  /** A new message; `event`: the click or key that asked (Shift: the other placement). */
  const write = (accountId?: string, event?: { shiftKey?: boolean }) => open(async () => blankDraft(await context(accountFor(accountId ?? selection.accountId))), placement(event));

  /** A mailto: link clicked in a mail: a new draft with only its recipients, subject and body (app/domain/mailto). */
  const writeTo = (fields: MailtoFields) =>
    open(async () => {
      const draft = blankDraft(await context(accountFor(selection.accountId)));
      const text = fields.body ? `${fields.body}\n${draft.text}` : draft.text;
      return { ...draft, to: fields.to.map((address) => ({ address })), cc: fields.cc.map((address) => ({ address })), subject: fields.subject, text };
    }, placement());

  async function original(message: MessageRecord): Promise<Original> {
    const raw = await loadRawSource(message, { api });
    return { record: message, raw, parsed: await api.call('message.parse', { raw }) };
  }

  function respond(message: MessageRecord, how: Response, event?: { shiftKey?: boolean }): Promise<void> {
    return open(async () => {
      const source = await original(message);
      const ctx = await context(accountFor(message.accountId));
      if (how === 'forward' || how === 'forwardAsAttachment') return forwardDraft(ctx, source, how === 'forward' ? 'inline' : 'attachment', quoteWords());
      return replyDraft(ctx, source, how, ownAddresses(accounts.accounts), quoteWords());
    }, placement(event));
  }

  /** A message in Drafts: the draft it was saved from, or (written elsewhere) one made from it, keeping its Message-ID. */
  function editDraft(message: MessageRecord): Promise<void> {
    return open(async () => {
      const known = message.messageId ? await db.drafts.where('messageId').equals(message.messageId).first() : undefined;
      if (known) return known;
      const source = await original(message);
      return draftFromMessage(await context(accountFor(message.accountId)), source);
    }, placement());
  }

  /** A draft kept here that has no copy in a Drafts folder yet: opened as it was saved. */
  const resumeDraft = (id: string) =>
    open(async () => {
      const draft = await db.drafts.get(id);
      if (!draft) throw new PostboteError({ code: 'NOT_FOUND', message: 'That draft was sent or discarded meanwhile.' });
      return draft;
    }, placement());

  const editOutboxEntry = (id: string) =>
    open(async () => {
      const draft = await unqueue(id, db, api);
      if (!draft) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is being sent or was sent already.' });
      return draft;
    }, placement());

  function close(): void {
    draftId.value = undefined;
    windowBlocked.value = false;
  }

  return { draftId, preparing, error, windowBlocked, followWindows, placement, popOut, write, writeTo, writeFromMailto, respond, editDraft, resumeDraft, editOutboxEntry, close, dismissError: () => (error.value = undefined) };
});
