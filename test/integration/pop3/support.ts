import { createHash } from 'node:crypto';
import type { Account, Pop3Options } from '../../../app/domain/account';
import { checkMail, type CheckMailResult } from '../../../renderer/mailbox/pop3/check-mail';
import { generateMessage } from '../../fixtures/message-generator';
import { createTestUser, doveadm, type TestUser } from '../../servers/mail-servers';
import { loadGeneratedMessages } from '../../servers/maildir';
import { draftFor, type DraftOptions } from '../../support/account-drafts';
import type { InProcessApp } from '../../support/in-process-app';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { eachMessage } from '../../../renderer/db/headers';

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export async function serverMessageCount(user: TestUser): Promise<number> {
  const out = await doveadm('mailbox', 'status', '-u', user.username, 'messages', 'INBOX');
  return Number(/messages=(\d+)/.exec(out)?.[1]);
}

/** A fresh user with `count` generated messages and a POP3 account for it in the app. */
export async function pop3AccountWithMail(app: InProcessApp, label: string, count: number, options: DraftOptions & { pop3?: Partial<Pop3Options> } = {}) {
  const user = await createTestUser(label);
  await loadGeneratedMessages(user.username, count);
  const draft = draftFor(user, { protocol: 'pop3', incomingSecurity: 'tls', ...options });
  draft.pop3 = { retention: { kind: 'keep' }, checkEveryMinutes: 0, ...options.pop3 };
  const account = await app.api.call('accounts.add', draft);
  return { user, account };
}

export function check(app: InProcessApp, account: Account, now?: () => number): Promise<CheckMailResult> {
  return checkMail(account, { api: app.api, db: app.db, durable: app.durable, ...(now ? { now } : {}) });
}

/**
 * The sha256 of every generated message by Message-ID: what the server holds, byte for byte, as
 * POP3 delivers it — a multi-line answer consists of whole lines, so a message not ending in CRLF
 * gains one (RFC 1939, section 3).
 */
export function expectedDigests(user: TestUser, count: number): Map<string, string> {
  const digests = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const message = generateMessage(i, undefined, `${user.username}@example.test`);
    const asLines = message.raw.subarray(-2).toString() === '\r\n' ? message.raw : Buffer.concat([message.raw, Buffer.from('\r\n')]);
    digests.set(message.messageId, sha256(asLines));
  }
  return digests;
}

/** Every header the cache holds for an account, folder by folder. */
export async function accountMessages(app: InProcessApp, accountId: string): Promise<MessageRecord[]> {
  const folders = await app.db.folders.where('accountId').equals(accountId).primaryKeys();
  const messages: MessageRecord[] = [];
  await eachMessage(app.db, (m) => void messages.push(m), folders);
  return messages;
}

/** Message-ID → sha256 of the raw source stored locally, failing on a duplicate. */
export async function storedDigests(app: InProcessApp, accountId: string): Promise<{ digests: Map<string, string>; duplicates: number }> {
  const messages = await accountMessages(app, accountId);
  const digests = new Map<string, string>();
  let duplicates = 0;
  for (const message of messages) {
    const raw = await app.db.rawSources.get(message.id);
    if (digests.has(message.messageId!)) duplicates++;
    digests.set(message.messageId!, raw ? sha256(raw.raw) : 'missing');
  }
  return { digests, duplicates };
}
