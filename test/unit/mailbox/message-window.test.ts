import 'fake-indexeddb/auto';
import { effectScope, nextTick, ref } from 'vue';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '../../../renderer/db/database';
import { announceHeadersChange, forwardHeadersChanges, putMessages, updateMessage } from '../../../renderer/db/headers';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { useMessageWindow } from '../../../renderer/mailbox/useMessageWindow';

let folderSeq = 0;
let scope = effectScope();
afterEach(() => {
  scope.stop();
  scope = effectScope();
});

const message = (folderId: string, uid: number, subject = `message ${uid}`): MessageRecord => ({
  id: `${folderId}/${uid}`,
  accountId: 'acc',
  folderId,
  uid,
  subject,
  from: [],
  to: [],
  cc: [],
  date: uid * 1000,
  size: 10,
  flags: [],
  unread: 1,
  flagged: 0,
  hasAttachments: false,
});

async function until(check: () => boolean): Promise<void> {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > 5000) throw new Error('the window never showed it');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function open(folderId: string) {
  const list = scope.run(() => useMessageWindow(ref(folderId), ref({ start: 0, end: 20 })))!;
  const subjects = () => Array.from({ length: Math.min(list.count.value, 20) }, (_, i) => list.at(i)?.subject);
  return { list, subjects };
}

describe('the message list’s window of rows', () => {
  it('shows a first screen as it lands, then a change to a row in view, then a newer message on top', async () => {
    const folderId = `acc/F${++folderSeq}`;
    const { list, subjects } = open(folderId);
    await nextTick();
    await putMessages(db, Array.from({ length: 50 }, (_, i) => message(folderId, i + 1)));
    await until(() => list.count.value === 50 && list.at(0) !== undefined);
    expect(subjects().slice(0, 3)).toEqual(['message 50', 'message 49', 'message 48']);
    await updateMessage(db, `${folderId}/49`, { subject: 'renamed', unread: 0 });
    await until(() => list.at(1)?.subject === 'renamed');
    expect(list.at(1)).toMatchObject({ unread: 0 });
    await putMessages(db, [message(folderId, 51)]);
    await until(() => list.at(0)?.subject === 'message 51');
    expect(subjects().slice(0, 3)).toEqual(['message 51', 'message 50', 'renamed']);
  });

  it('shows what was stored before it opened, and older messages arriving out of view change only the count', async () => {
    const folderId = `acc/F${++folderSeq}`;
    await putMessages(db, Array.from({ length: 30 }, (_, i) => message(folderId, 1000 + i)));
    const { list, subjects } = open(folderId);
    await until(() => list.at(0)?.subject === 'message 1029');
    await putMessages(db, Array.from({ length: 500 }, (_, i) => message(folderId, i + 1)));
    await until(() => list.count.value === 530);
    expect(subjects().slice(0, 2)).toEqual(['message 1029', 'message 1028']);
  });

  it('a bulk batch heard as where its headers go (the sync worker sends no records) shows its rows from the cache, and a row in view written so is read again', async () => {
    const folderId = `acc/F${++folderSeq}`;
    /** Written as the sync worker writes a bulk batch: the window hears `placed`, not the records. */
    const writeInBulk = async (records: MessageRecord[]) => {
      const stop = forwardHeadersChanges(db, () => undefined);
      await putMessages(db, records);
      stop();
      const placed = records.map(({ id, uid, date }) => ({ id, folderId, uid, date }));
      announceHeadersChange(db, { put: [], updated: [], removed: [], placed, folderIds: [folderId], heardDirectly: true });
    };
    const { list, subjects } = open(folderId);
    await nextTick();
    await writeInBulk(Array.from({ length: 300 }, (_, i) => message(folderId, i + 1)));
    await until(() => list.count.value === 300 && list.at(0) !== undefined);
    expect(subjects().slice(0, 2)).toEqual(['message 300', 'message 299']);
    await writeInBulk([message(folderId, 299, 'written again')]);
    await until(() => list.at(1)?.subject === 'written again');
    expect(list.count.value).toBe(300);
  });
});
