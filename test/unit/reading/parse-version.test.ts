import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMessage } from '../../../app/contract';
import { db } from '../../../renderer/db/database';
import type { MessageRecord } from '../../../renderer/db/tables/core';
import { allMessageIds, deleteMessages, putMessages } from '../../../renderer/db/headers';
import { loadParsedBody, loadParsedBodyById, PARSE_VERSION } from '../../../renderer/reading/body-cache';

const m: MessageRecord = { id: 'imap/INBOX/1', accountId: 'imap', folderId: 'imap/INBOX', uid: 1, subject: 's', from: [], to: [], cc: [], date: 1000, size: 500, flags: [], unread: 1, flagged: 0, hasAttachments: true, messageId: '<v@x>' };
const versionOneStamp = `${m.size}:${m.messageId}:${m.date}`;

function body(filename: string, embedded: ParsedMessage['embedded'] = []): ParsedMessage {
  return {
    headers: { subject: 's', from: [], sender: [], to: [], cc: [], bcc: [], replyTo: [], references: [] },
    text: filename,
    attachments: [{ partId: '2', filename, contentType: 'application/octet-stream', size: 1, sha256: '0', inline: false, content: new Uint8Array(1) }],
    embedded,
    security: [],
    structure: { id: '', contentType: 'multipart/mixed', size: 1, children: [] },
    notices: [],
  };
}

afterEach(async () => {
  await db.parsedBodies.clear();
  await db.rawSources.clear();
  await deleteMessages(db, await allMessageIds(db));
});

describe('bodies cached by an older parser (raw attachment names)', () => {
  it('are parsed again from the stored raw source, once', async () => {
    expect(PARSE_VERSION).toBeGreaterThanOrEqual(2);
    await putMessages(db, [m]);
    await db.rawSources.put({ messageId: m.id, accountId: 'imap', raw: new Uint8Array([1]), size: 1, storedAt: 0 });
    await db.parsedBodies.put({ messageId: m.id, accountId: 'imap', folderId: m.folderId, stamp: versionOneStamp, size: 1, storedAt: 0, parsed: body('invoice.bat.') });
    let parses = 0;
    const parse = async () => (parses++, body('invoice.bat'));
    expect((await loadParsedBodyById(db, m.id, parse))?.attachments[0]?.filename).toBe('invoice.bat');
    expect((await loadParsedBody(db, m, parse)).attachments[0]?.filename).toBe('invoice.bat');
    expect(parses).toBe(1);
  });

  it('when they cannot be parsed again, still show the names the file system gets', async () => {
    await putMessages(db, [m]);
    const hostile = body('report\u202Efdp.exe ', [{ partId: '3', message: body('con.txt') }]);
    await db.parsedBodies.put({ messageId: m.id, accountId: 'imap', folderId: m.folderId, stamp: versionOneStamp, size: 1, storedAt: 0, parsed: hostile });
    const parse = async (): Promise<ParsedMessage> => { throw new Error('no raw source'); };
    const shown = await loadParsedBodyById(db, m.id, parse);
    expect(shown?.attachments[0]?.filename).toBe('reportfdp.exe');
    expect(shown?.embedded[0]?.message.attachments[0]?.filename).toBe('_con.txt');
    expect((await loadParsedBody(db, m, parse)).attachments[0]?.filename).toBe('reportfdp.exe');
  });

  it('a body of another message under the same id is not shown at all', async () => {
    await putMessages(db, [m]);
    await db.parsedBodies.put({ messageId: m.id, accountId: 'imap', folderId: m.folderId, stamp: '999:<other@x>:1', size: 1, storedAt: 0, parsed: body('old.txt') });
    await expect(loadParsedBodyById(db, m.id, async () => body('new.txt'))).rejects.toThrow(/not stored/);
  });
});
