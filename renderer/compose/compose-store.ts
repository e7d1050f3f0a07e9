import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Account } from '../../app/domain/account';
import type { MailtoFields } from '../../app/domain/mailto';
import type { MailtoFields as LinkFields } from '../../app/mailto';
import { parseAddressList } from './addresses';
import { ownAddresses } from './identities';
import { PostboteError, type ErrorInfo } from '../../app/errors';
import { api } from '../api';
import { blankDraft, forwardDraft, mailtoDraft, replyDraft, type DraftContext, type Original } from './draft-factory';
import { saveDraft } from './drafts';
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
  const draftId = ref<string>();
  const preparing = ref(false);
  const error = ref<ErrorInfo>();

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

  async function open(make: () => Promise<DraftRecord>): Promise<void> {
    preparing.value = true;
    error.value = undefined;
    try {
      const draft = await make();
      if (!(await db.drafts.get(draft.id))) {
        await saveDraft(db, draft);
        await keepDraftInMain(api, db, draft.id).catch(() => undefined);
      }
      draftId.value = draft.id;
    } catch (caught) {
      error.value = caught instanceof PostboteError ? caught.toInfo() : { code: 'INTERNAL', message: String(caught) };
    } finally {
      preparing.value = false;
    }
  }

  /** A mailto: link (clicked, handed over by the system or `postbote compose`): a new message to its recipients. */
  const writeFromMailto = (fields: LinkFields, accountId?: string) =>
    open(async () => mailtoDraft(await context(accountFor(accountId ?? selection.accountId)), fields, (list) => parseAddressList(list).addresses));

  const write = (accountId?: string) => open(async () => blankDraft(await context(accountFor(accountId ?? selection.accountId))));

  /** A mailto: link clicked in a mail: a new draft with only its recipients, subject and body (app/domain/mailto). */
  const writeTo = (fields: MailtoFields) =>
    open(async () => {
      const draft = blankDraft(await context(accountFor(selection.accountId)));
      const text = fields.body ? `${fields.body}\n${draft.text}` : draft.text;
      return { ...draft, to: fields.to.map((address) => ({ address })), cc: fields.cc.map((address) => ({ address })), subject: fields.subject, text };
    });

  async function original(message: MessageRecord): Promise<Original> {
    const raw = await loadRawSource(message, { api });
    return { record: message, raw, parsed: await api.call('message.parse', { raw }) };
  }

  function respond(message: MessageRecord, how: Response): Promise<void> {
    return open(async () => {
      const source = await original(message);
      const ctx = await context(accountFor(message.accountId));
      if (how === 'forward' || how === 'forwardAsAttachment') return forwardDraft(ctx, source, how === 'forward' ? 'inline' : 'attachment', quoteWords());
      return replyDraft(ctx, source, how, ownAddresses(accounts.accounts), quoteWords());
    });
  }

  /** A message in Drafts: the draft it was saved from, or (written elsewhere) one made from it, keeping its Message-ID. */
  function editDraft(message: MessageRecord): Promise<void> {
    return open(async () => {
      const known = message.messageId ? await db.drafts.where('messageId').equals(message.messageId).first() : undefined;
      if (known) return known;
      const source = await original(message);
      return draftFromMessage(await context(accountFor(message.accountId)), source);
    });
  }

  /** A draft kept here that has no copy in a Drafts folder yet: opened as it was saved. */
  const resumeDraft = (id: string) =>
    open(async () => {
      const draft = await db.drafts.get(id);
      if (!draft) throw new PostboteError({ code: 'NOT_FOUND', message: 'That draft was sent or discarded meanwhile.' });
      return draft;
    });

  const editOutboxEntry = (id: string) =>
    open(async () => {
      const draft = await unqueue(id, db, api);
      if (!draft) throw new PostboteError({ code: 'NOT_FOUND', message: 'That message is being sent or was sent already.' });
      return draft;
    });

  return { draftId, preparing, error, write, writeTo, writeFromMailto, respond, editDraft, resumeDraft, editOutboxEntry, close: () => (draftId.value = undefined), dismissError: () => (error.value = undefined) };
});
